using System.Globalization;
using System.Text.Json.Nodes;
using PlateletTwins.MockAdt.Errors;
using PlateletTwins.MockAdt.Limits;
using PlateletTwins.MockAdt.Protocol;
using PlateletTwins.MockAdt.Store;
using PlateletTwins.MockAdt.Twins;

namespace PlateletTwins.MockAdt.Telemetry;

/// <summary>
/// <c>POST /digitaltwins/{id}/telemetry</c> and its component form: 204, nothing stored on the twin. MockAdt keeps the
/// recent messages, readable at <c>GET /mockadt/telemetry</c> (not an ADT operation) until event routes deliver them.
/// </summary>
public static class TelemetryHandlers
{
    public static void MapTelemetryHandlers(this IEndpointRouteBuilder app)
    {
        app.MapPost("/digitaltwins/{id}/telemetry", (string id, HttpRequest request, TwinStore twins, TwinService service, TelemetryLog log, TimeProvider time) =>
            SendAsync(id, null, request, twins, service, log, time));
        app.MapPost("/digitaltwins/{id}/components/{componentPath}/telemetry", (string id, string componentPath, HttpRequest request, TwinStore twins, TwinService service, TelemetryLog log, TimeProvider time) =>
            SendAsync(id, componentPath, request, twins, service, log, time));
        app.MapGet("/mockadt/telemetry", (string? twinId, int? max, TelemetryLog log) => Results.Json(log.Recent(twinId, max ?? 100), AdtJson.Options));
    }

    // DigitalTwins_SendTelemetry / SendComponentTelemetry.
    private static async Task<IResult> SendAsync(string id, string? component, HttpRequest request, TwinStore twins, TwinService service, TelemetryLog log, TimeProvider time)
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
        var body = await AdtJson.ReadBodyAsync(request, FunctionalLimits.MaxPayloadBytes)
            ?? throw AdtErrors.InvalidArgument("The telemetry body must be JSON.");
        _ = twins.Get(id) ?? throw AdtErrors.DigitalTwinNotFound(id);
        if (component is not null)
        {
            service.GetComponent(id, component);
        }
        log.Add(new TelemetryMessage(id, component, messageId, sourceTime.Length > 0 ? sourceTime : null, time.GetUtcNow(), body));
        return Results.NoContent();
    }
}
