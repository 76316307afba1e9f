using PlateletTwins.IngestionService.Intake;

namespace PlateletTwins.IngestionService.Durability;

/// <summary>What one journal row holds: the items of a batch the intake accepted, in the batch's order.</summary>
public sealed record JournalEntry(string RunId, IReadOnlyList<TwinUpdate> Updates, IReadOnlyList<DiscreteEvent> Events)
{
    public int ItemCount => Updates.Count + Events.Count;
}
