using PlateletTwins.IngestionService.Intake;

namespace PlateletTwins.IngestionService.Durability;

/// <summary>
/// What one journal row holds: the items of a batch the intake accepted, in the batch's order. <see cref="Changes"/> is
/// null in rows written before the intake took lifecycle changes.
/// </summary>
internal sealed record JournalEntry(string RunId, IReadOnlyList<TwinUpdate> Updates, IReadOnlyList<DiscreteEvent> Events, IReadOnlyList<TwinChange>? Changes = null)
{
    public int ItemCount => Updates.Count + Events.Count + (Changes?.Count ?? 0);
}
