using System.Globalization;
using PlateletTwins.MockAdt.Errors;
using PlateletTwins.MockAdt.Events;
using PlateletTwins.MockAdt.Hosting;
using PlateletTwins.MockAdt.Limits;
using PlateletTwins.MockAdt.Protocol;
using PlateletTwins.MockAdt.Store;
using PlateletTwins.MockAdt.Twins;

namespace PlateletTwins.MockAdt.Telemetry;

/// <summary>
/// <c>POST /digitaltwins/{id}/telemetry</c> and its component form: 204, nothing stored on the twin. MockAdt keeps the
/// recent messages, readable at <c>GET /mockadt/telemetry</c> (not an ADT operation), and gives each to the event routes.
/// </summary>
internal static class TelemetryHandlers
{
    public static void MapTelemetryHandlers(this IEndpointRouteBuilder app)
    {
        // Telemetry is not a write of the twin: it counts as a read-rate call on ADT's side, though only a Data Owner sends it.
        var telemetry = app.MapGroup("").CountsAgainst(ApiCategory.DigitalTwinRead);
        telemetry.MapPost("/digitaltwins/{id}/telemetry", (string id, HttpRequest request, TwinStore twins, TwinService service, TelemetryLog log, ChangeFeed changes, TimeProvider time) =>
            SendAsync(id, null, request, twins, service, log, changes, time)).Writes();
        telemetry.MapPost("/digitaltwins/{id}/components/{componentPath}/telemetry", (string id, string componentPath, HttpRequest request, TwinStore twins, TwinService service, TelemetryLog log, ChangeFeed changes, TimeProvider time) =>
            SendAsync(id, componentPath, request, twins, service, log, changes, time)).Writes();
    }

    /// <summary><c>GET /mockadt/telemetry</c>: MockAdt's own, beside the operation.</summary>
    public static void MapTelemetryLogHandlers(this IEndpointRouteBuilder app)
    {
        app.MapGet("/mockadt/telemetry", (HttpRequest request, TelemetryLog log) =>
            Results.Json(log.Recent(QueryParameters.Text(request, "twinId"), QueryParameters.Number(request, "max", 1, TelemetryLog.Capacity) ?? 100), AdtJson.Options));
    }

    // DigitalTwins_SendTelemetry / SendComponentTelemetry.
    private static async Task<IResult> SendAsync(string id, string? component, HttpRequest request, TwinStore twins, TwinService service, TelemetryLog log, ChangeFeed changes, TimeProvider time)
    {
        var messageId = request.Headers["Message-Id"].ToString();
        if (messageId.Length == 0)
        {
            // The REST spec makes Message-Id required.
            throw AdtErrors.InvalidArgument("The Message-Id header is required.");
        }
        var sourceTime = request.Headers["Telemetry-Source-Time"].ToString();
        if (sourceTime.Length > 0 && !DateTimeOffset.TryParse(sourceTime, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
        {
            throw AdtErrors.InvalidArgument("The Telemetry-Source-Time header must be an RFC 3339 date and time.");
        }
        // Any JSON: the JavaScript SDK sends component telemetry as a JSON string holding the object.
        var body = await AdtJson.ReadBodyAsync(request, FunctionalLimits.MaxPayloadBytes)
            ?? throw AdtErrors.InvalidArgument("The telemetry body must be JSON.");
        var twin = twins.Get(id) ?? throw AdtErrors.DigitalTwinNotFound(id);
        if (component is not null)
        {
            service.GetComponent(id, component);
        }
        var sourceTimeOrNull = sourceTime.Length > 0 ? sourceTime : null;
        // A Message-Id seen before is a retry of a message already sent: answered 204, routed once.
        if (log.Add(new TelemetryMessage(id, component, messageId, sourceTimeOrNull, time.GetUtcNow(), body)))
        {
            changes.Telemetry(id, twin.ModelId, component, body, sourceTimeOrNull);
        }
        return Results.NoContent();
    }
}
