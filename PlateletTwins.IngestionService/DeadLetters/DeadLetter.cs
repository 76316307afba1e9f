using System.Text.Json.Nodes;

namespace PlateletTwins.IngestionService.DeadLetters;

/// <summary>A write that ADT refused for good, with its reason, kept to be inspected and replayed.</summary>
public sealed record DeadLetter(long Id, string TwinId, JsonObject Properties, int UpdateCount, int Status, string? ErrorCode, string Reason, DateTimeOffset At);
