using System.Text.Json.Nodes;
using PlateletTwins.MockAdt.Store;
using PlateletTwins.MockAdt.Twins;

namespace PlateletTwins.MockAdt.Events;

/// <summary>
/// A change of the graph or a telemetry message, as the services publish it: what event routes deliver as a CloudEvent
/// (<see cref="ChangeCloudEvent"/>) and data history records. One type per kind of change, each with what it is about.
/// </summary>
internal abstract record ChangeEvent(DateTimeOffset Time)
{
    /// <summary>The instance's host name, the CloudEvent's <c>source</c> and history's <c>ServiceId</c>.</summary>
    public string Host { get; init; } = "";

    public string? TraceParent { get; init; }
}

/// <summary>A twin was created (a PUT of a new id).</summary>
internal sealed record TwinCreated(TwinRecord Twin, DateTimeOffset Time) : ChangeEvent(Time);

/// <summary>A twin changed: <see cref="Patch"/> is what was applied (a replacing PUT's is made from the two versions).</summary>
internal sealed record TwinUpdated(TwinRecord Twin, JsonPatch Patch, DateTimeOffset Time) : ChangeEvent(Time);

/// <summary>A twin was deleted; <see cref="Twin"/> is as it was.</summary>
internal sealed record TwinDeleted(TwinRecord Twin, DateTimeOffset Time) : ChangeEvent(Time);

internal sealed record RelationshipCreated(RelationshipRecord Relationship, DateTimeOffset Time) : ChangeEvent(Time);

/// <summary>
/// A relationship changed: as ADT does, its event carries the source twin's model and the JSON Patch, not the
/// relationship (a replacing PUT is one <c>replace</c> of the whole at the empty path).
/// </summary>
internal sealed record RelationshipUpdated(RelationshipRecord Relationship, string SourceModelId, JsonArray Patch, DateTimeOffset Time) : ChangeEvent(Time);

/// <summary>A relationship was deleted; <see cref="Relationship"/> is as it was.</summary>
internal sealed record RelationshipDeleted(RelationshipRecord Relationship, DateTimeOffset Time) : ChangeEvent(Time);

/// <summary>A telemetry message: <see cref="SourceTime"/> is the Telemetry-Source-Time it carried, as sent.</summary>
internal sealed record TelemetryReceived(string TwinId, string ModelId, string? Component, JsonNode Body, string? SourceTime, DateTimeOffset Time) : ChangeEvent(Time);
