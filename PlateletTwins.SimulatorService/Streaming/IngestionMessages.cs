using System.Text.Json.Nodes;

namespace PlateletTwins.SimulatorService.Streaming;

// The intake's wire contract as the simulator writes it (DESIGN.md, "Contracts").

public sealed record RunStartMessage(string RunId, long Seed, string Speed, DateTimeOffset StartTime, LabMessage Lab, string Profile, bool Lossless = false);

public sealed record LabMessage(string Id, string Name, IReadOnlyList<DeviceMessage> Devices, IReadOnlyList<FeedMessage> Feeds);

public sealed record DeviceMessage(string Id, string Type, int Capacity);

public sealed record FeedMessage(string From, string To);

public sealed record TelemetryBatchMessage(string RunId, IReadOnlyList<TwinUpdateMessage> Updates, IReadOnlyList<EventMessage>? Events = null);

public sealed record EventMessage(string EventId, string TwinId, DateTimeOffset SourceTime, string Type, string Detail, string? TraceParent);

public sealed record TwinUpdateMessage(
    string TwinId,
    long Sequence,
    DateTimeOffset SourceTime,
    JsonObject Properties,
    string? TraceParent,
    DateTimeOffset CreatedAt);
