using System.Diagnostics;
using System.Text.Json.Nodes;

namespace PlateletTwins.IngestionService.Twins;

/// <summary>What one write to a twin carries: the latest value of each changed property, and every update it stands for.</summary>
public sealed class PendingWrite
{
    public Dictionary<string, PendingProperty> Properties { get; } = new(StringComparer.Ordinal);

    /// <summary>The trace context of every update folded into this write; the write's span links to each.</summary>
    public List<ActivityContext> Sources { get; } = [];

    /// <summary>When each carried update was created, for the end-to-end latency.</summary>
    public List<DateTimeOffset> CreatedAt { get; } = [];

    public int UpdateCount => CreatedAt.Count;

    /// <summary>The context of the newest update: the write continues its trace.</summary>
    public ActivityContext Parent { get; set; }

    public bool IsEmpty => Properties.Count == 0;
}

public sealed record PendingProperty(JsonNode Value, DateTimeOffset SourceTime, long Sequence);
