using System.Text.Json.Nodes;

namespace PlateletTwins.IngestionService.DeadLetters;

/// <summary>
/// A write (properties), a discrete event (telemetry) or a lifecycle change (a twin or relationship created or
/// deleted) that ADT refused for good, with its reason, kept to be inspected and replayed. <see cref="UpdateCount"/>:
/// the updates the refused write carried.
/// </summary>
internal sealed record DeadLetter(
    long Id,
    string TwinId,
    IReadOnlyDictionary<string, DeadLetterProperty> Properties,
    int UpdateCount,
    int Status,
    string? ErrorCode,
    string Reason,
    DateTimeOffset At,
    Intake.DiscreteEvent? Event = null,
    string? RunId = null,
    Intake.TwinChange? Change = null);

/// <summary>A property's value as the refused write carried it, with the source time and sequence of its update.</summary>
internal sealed record DeadLetterProperty(JsonNode Value, DateTimeOffset SourceTime, long Sequence);
