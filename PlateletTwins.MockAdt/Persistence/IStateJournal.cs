using PlateletTwins.MockAdt.History;

namespace PlateletTwins.MockAdt.Persistence;

/// <summary>
/// What the stores tell persistence after each change: which entity changed, by key (its state is read when it is
/// written, so a later change of the same entity overtakes an earlier one whatever order the two calls came in), and
/// which data history rows were recorded, in order. The stores call it where a change becomes visible, under their
/// lock where they have one, so that the journal sees changes of the graph's shape in the order they happened.
/// </summary>
internal interface IStateJournal
{
    void TwinChanged(string id);

    void RelationshipChanged(string sourceId, string id);

    void ModelChanged(string id);

    void RouteChanged(string id);

    void Recorded(PropertyChangeRow row);

    void Recorded(TwinLifecycleRow row);

    void Recorded(RelationshipLifecycleRow row);
}
