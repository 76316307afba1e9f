using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Lab;

namespace PlateletTwins.IngestionService.Intake;

/// <summary>
/// POST /api/telemetry: a batch of twin updates, discrete events and twin and relationship lifecycle changes, from one
/// run.
/// </summary>
internal sealed record TelemetryBatch(string RunId, IReadOnlyList<TwinUpdate> Updates, IReadOnlyList<DiscreteEvent>? Events = null, IReadOnlyList<TwinChange>? Changes = null);

/// <summary>
/// Something that happened on a twin at an instant (a failure, a repair, a pool released). It goes to ADT's telemetry
/// API with <see cref="EventId"/> as its Message-Id, so that a retry is never a second event.
/// </summary>
internal sealed record DiscreteEvent(string EventId, string TwinId, DateTimeOffset SourceTime, string Type, string? Detail, string? TraceParent);

/// <summary>
/// The new values of some properties of one twin at one simulated instant. <see cref="Sequence"/> grows per twin;
/// <see cref="TraceParent"/> is the W3C context the producer created the update in; <see cref="CreatedAt"/> is the
/// wall-clock time it was created, for the end-to-end latency.
/// </summary>
internal sealed record TwinUpdate(
    string TwinId,
    long Sequence,
    DateTimeOffset SourceTime,
    JsonObject Properties,
    string? TraceParent,
    DateTimeOffset CreatedAt);

/// <summary>
/// A twin's or a relationship's lifecycle step: a twin created or deleted, a relationship put (created, or moved to
/// another target under the same id) or deleted. <see cref="TwinId"/> is the twin it belongs to (a relationship's
/// source); <see cref="Sequence"/> comes from the same per-twin counter as the twin's updates, so the intake orders a
/// twin's updates and changes alike. <see cref="Kind"/> is null when the wire's kind is missing or none of
/// <see cref="TwinChangeKind"/> (<see cref="IntakeJson"/> reads it so): that item only is refused.
/// </summary>
internal sealed record TwinChange(
    string TwinId,
    long Sequence,
    DateTimeOffset SourceTime,
    TwinChangeKind? Kind,
    string? ModelId,
    JsonObject? Properties,
    RelationshipChange? Relationship,
    string? TraceParent,
    DateTimeOffset CreatedAt);

/// <summary>The relationship of a <see cref="TwinChange"/>: all of it for a put, only <see cref="Id"/> for a delete.</summary>
internal sealed record RelationshipChange(string Id, string? Name = null, string? TargetId = null, JsonObject? Properties = null);
