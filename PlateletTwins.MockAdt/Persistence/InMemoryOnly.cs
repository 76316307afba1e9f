using PlateletTwins.MockAdt.History;

namespace PlateletTwins.MockAdt.Persistence;

/// <summary>No <c>MockAdt:DataDirectory</c>: state lives in memory only, and the stores' calls cost nothing.</summary>
internal sealed class InMemoryOnly : IStateJournal
{
    public static readonly InMemoryOnly Instance = new();

    public void TwinChanged(string id)
    {
    }

    public void RelationshipChanged(string sourceId, string id)
    {
    }

    public void ModelChanged(string id)
    {
    }

    public void RouteChanged(string id)
    {
    }

    public void Recorded(PropertyChangeRow row)
    {
    }

    public void Recorded(TwinLifecycleRow row)
    {
    }

    public void Recorded(RelationshipLifecycleRow row)
    {
    }
}
