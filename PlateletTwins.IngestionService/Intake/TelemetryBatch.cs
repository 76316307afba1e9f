using System.Text.Json.Nodes;

namespace PlateletTwins.IngestionService.Intake;

/// <summary>POST /api/telemetry: a batch of twin updates, and discrete events, from one run.</summary>
public sealed record TelemetryBatch(string RunId, IReadOnlyList<TwinUpdate> Updates, IReadOnlyList<DiscreteEvent>? Events = null);

/// <summary>
/// Something that happened on a twin at an instant (a failure, a repair, a pool released). It goes to ADT's telemetry
/// API with <see cref="EventId"/> as its Message-Id, so that a retry is never a second event.
/// </summary>
public sealed record DiscreteEvent(string EventId, string TwinId, DateTimeOffset SourceTime, string Type, string? Detail, string? TraceParent);

/// <summary>
/// The new values of some properties of one twin at one simulated instant. <see cref="Sequence"/> grows per twin;
/// <see cref="TraceParent"/> is the W3C context the producer created the update in; <see cref="CreatedAt"/> is the
/// wall-clock time it was created, for the end-to-end latency.
/// </summary>
public sealed record TwinUpdate(
    string TwinId,
    long Sequence,
    DateTimeOffset SourceTime,
    JsonObject Properties,
    string? TraceParent,
    DateTimeOffset CreatedAt);
