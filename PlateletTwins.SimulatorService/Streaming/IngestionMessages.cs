using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Lab;

namespace PlateletTwins.SimulatorService.Streaming;

// The intake's wire contract as the simulator writes it (DESIGN.md, "Contracts").

public sealed record RunStartMessage(string RunId, long Seed, string Speed, DateTimeOffset StartTime, LabMessage Lab, string Profile, bool Lossless = false);

public sealed record LabMessage(string Id, string Name, IReadOnlyList<DeviceMessage> Devices, IReadOnlyList<FeedMessage> Feeds);

public sealed record DeviceMessage(string Id, string Type, int Capacity);

public sealed record FeedMessage(string From, string To);

public sealed record TelemetryBatchMessage(
    string RunId,
    IReadOnlyList<TwinUpdateMessage> Updates,
    IReadOnlyList<EventMessage>? Events = null,
    IReadOnlyList<TwinChangeMessage>? Changes = null);

public sealed record EventMessage(string EventId, string TwinId, DateTimeOffset SourceTime, string Type, string Detail, string? TraceParent);

public sealed record TwinUpdateMessage(
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
public sealed record TwinChangeMessage(
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
public sealed record RelationshipMessage(string Id, string? Name, string? TargetId, JsonObject? Properties);
