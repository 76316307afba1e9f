using System.Text.Json.Nodes;

namespace PlateletTwins.MockAdt.Telemetry;

/// <summary>A telemetry message as the service took it: nothing of it is stored on the twin; it goes to event routes.</summary>
internal sealed record TelemetryMessage(string TwinId, string? Component, string MessageId, string? SourceTime, DateTimeOffset EnqueuedTime, JsonNode Body);
