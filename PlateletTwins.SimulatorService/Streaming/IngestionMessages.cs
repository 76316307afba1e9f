using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Lab;

namespace PlateletTwins.SimulatorService.Streaming;

// The intake's wire contract as the simulator writes it (DESIGN.md, "Contracts").

internal sealed record RunStartMessage(string RunId, long Seed, string Speed, DateTimeOffset StartTime, LabMessage Lab, string Profile, bool Lossless = false);

internal sealed record LabMessage(string Id, string Name, IReadOnlyList<DeviceMessage> Devices, IReadOnlyList<FeedMessage> Feeds);

internal sealed record DeviceMessage(string Id, string Type, int Capacity);

internal sealed record FeedMessage(string From, string To);

internal sealed record TelemetryBatchMessage(
    string RunId,
    IReadOnlyList<TwinUpdateMessage> Updates,
    IReadOnlyList<EventMessage>? Events = null,
    IReadOnlyList<TwinChangeMessage>? Changes = null);

internal sealed record EventMessage(string EventId, string TwinId, DateTimeOffset SourceTime, string Type, string Detail, string? TraceParent);

internal sealed record TwinUpdateMessage(
    string TwinId,
    long Sequence,
    DateTimeOffset SourceTime,
    JsonObject Properties,
    string? TraceParent,
    DateTimeOffset CreatedAt);

/// <summary>
/// A twin's or relationship's lifecycle step: <see cref="TwinId"/> is the twin it belongs to (a relationship's source),
/// <see cref="Sequence"/> comes from the same counter per twin as its updates. <see cref="ModelId"/> and
/// <see cref="Properties"/> only for <see cref="TwinChangeKind.CreateTwin"/>; <see cref="Relationship"/> only for the relationship kinds.
/// </summary>
internal sealed record TwinChangeMessage(
    string TwinId,
    long Sequence,
    DateTimeOffset SourceTime,
    TwinChangeKind Kind,
    string? ModelId,
    JsonObject? Properties,
    RelationshipMessage? Relationship,
    string? TraceParent,
    DateTimeOffset CreatedAt);

/// <summary>A relationship of a change: all but <see cref="Properties"/> for a PUT, only <see cref="Id"/> for a DELETE.</summary>
internal sealed record RelationshipMessage(string Id, string? Name, string? TargetId, JsonObject? Properties);
