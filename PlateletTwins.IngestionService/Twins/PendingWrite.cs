using System.Diagnostics;
using System.Text.Json.Nodes;
using PlateletTwins.IngestionService.Durability;
using PlateletTwins.IngestionService.Runs;

namespace PlateletTwins.IngestionService.Twins;

/// <summary>What one write to a twin carries: the latest value of each changed property, and every update it stands for.</summary>
public sealed class PendingWrite(long epoch = 0)
{
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

    public bool IsEmpty => Properties.Count == 0;
}

public sealed record PendingProperty(JsonNode Value, DateTimeOffset SourceTime, long Sequence);

/// <summary>One accepted update as a write carries it: for its trace, its latency, its journal row and its run's counts.</summary>
public readonly record struct CarriedUpdate(ActivityContext Context, DateTimeOffset CreatedAt, long Sequence, JournalBatch? Batch, RunProgress? Progress);
