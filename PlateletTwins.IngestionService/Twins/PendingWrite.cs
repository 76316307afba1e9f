using System.Diagnostics;
using System.Text.Json.Nodes;
using PlateletTwins.IngestionService.Durability;
using PlateletTwins.IngestionService.Intake;
using PlateletTwins.IngestionService.Runs;

namespace PlateletTwins.IngestionService.Twins;

/// <summary>
/// What one write to a twin carries: the latest value of each changed property, and every update it stands for; or
/// one lifecycle <see cref="Change"/> of the twin (created, deleted, a relationship put or deleted), a barrier that
/// nothing is coalesced across.
/// </summary>
internal sealed class PendingWrite(long epoch = 0)
{
    /// <summary>A lifecycle change, written alone; null for a property write.</summary>
    public TwinChange? Change { get; init; }

    /// <summary>
    /// A change that brings back what ADT had of a twin it lost (see <see cref="TwinState.RestoreLifecycle"/>): none of
    /// the run's own, so it counts nowhere and leaves no change mark.
    /// </summary>
    public bool Restores { get; init; }

    /// <summary>The run of a change: one of a run that no longer streams is not written.</summary>
    public RunRecord? Run { get; init; }

    /// <summary>Where the write stands among the twin's: its change's sequence, or the highest sequence it carries.</summary>
    public long Order => Change?.Sequence ?? MaxSequence;

    public Dictionary<string, PendingProperty> Properties { get; } = new(StringComparer.Ordinal);

    private readonly List<CarriedUpdate> _updates = [];

    /// <summary>Every update folded into this write; each is done with when the write is.</summary>
    public IReadOnlyList<CarriedUpdate> Updates => _updates;

    /// <summary>The epoch of the run the write's values belong to.</summary>
    public long Epoch { get; } = epoch;

    public int UpdateCount => Updates.Count;

    /// <summary>The trace context of every update folded into this write; the write's span links to each.</summary>
    public IEnumerable<ActivityContext> Sources => Updates.Select(u => u.Context);

    /// <summary>When each carried update was created, for the end-to-end latency.</summary>
    public IEnumerable<DateTimeOffset> CreatedAt => Updates.Select(u => u.CreatedAt);

    /// <summary>The highest sequence among the carried updates.</summary>
    public long MaxSequence { get; private set; } = -1;

    public void Add(CarriedUpdate update)
    {
        _updates.Add(update);
        MaxSequence = Math.Max(MaxSequence, update.Sequence);
    }

    /// <summary>A failed earlier write's updates, ahead of this one's.</summary>
    public void Prepend(IReadOnlyList<CarriedUpdate> earlier)
    {
        _updates.InsertRange(0, earlier);
        foreach (var update in earlier)
        {
            MaxSequence = Math.Max(MaxSequence, update.Sequence);
        }
    }

    /// <summary>The context of the newest update: the write continues its trace.</summary>
    public ActivityContext Parent { get; set; }

    public bool IsEmpty => Change is null && Properties.Count == 0;
}

internal sealed record PendingProperty(JsonNode Value, DateTimeOffset SourceTime, long Sequence);

/// <summary>One accepted update as a write carries it: for its trace, its latency, its journal row and its run's counts.</summary>
internal readonly record struct CarriedUpdate(ActivityContext Context, DateTimeOffset CreatedAt, long Sequence, JournalBatch? Batch, RunProgress? Progress);
