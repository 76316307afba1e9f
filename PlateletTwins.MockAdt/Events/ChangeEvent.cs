using System.Text.Json.Nodes;
using PlateletTwins.MockAdt.Store;

namespace PlateletTwins.MockAdt.Events;

/// <summary>
/// A change of the graph or a telemetry message, as the services publish it: what event routes deliver as a CloudEvent
/// and data history records. <see cref="Data"/> is the event's body as ADT sends it.
/// </summary>
public sealed record ChangeEvent(string Type, string TwinId, string Subject, JsonNode Data, DateTimeOffset Time)
{
    /// <summary>The instance's host name, the CloudEvent's <c>source</c> (telemetry adds <c>/digitaltwins/{id}</c>).</summary>
    public string Host { get; init; } = "";

    public string? TraceParent { get; init; }

    public string? ModelId { get; init; }

    /// <summary>The twin after the change (create, update), or as it was (delete).</summary>
    public TwinRecord? Twin { get; init; }

    /// <summary>The relationship after the change, or as it was (delete).</summary>
    public RelationshipRecord? Relationship { get; init; }

    /// <summary>For telemetry: the Telemetry-Source-Time it carried (the component it came from is its subject).</summary>
    public string? SourceTime { get; init; }
}
