using PlateletTwins.Http;
using PlateletTwins.MockAdt.Errors;

namespace PlateletTwins.MockAdt.EventRoutes;

/// <summary>
/// <c>GET /mockadt/endpoints/{name}/events</c>: a stream endpoint's events as Server-Sent Events (not an ADT operation;
/// outside the bearer check, as a browser's EventSource sends no Authorization header).
/// </summary>
internal static class EventStreamHandlers
{
    public static void MapEventStreamHandlers(this IEndpointRouteBuilder app) =>
        app.MapGet("/mockadt/endpoints/{name}/events", StreamAsync);

    private static async Task StreamAsync(string name, HttpContext context, EndpointRegistry endpoints)
    {
        if (endpoints.Get(name) is not StreamEndpoint stream)
        {
            throw AdtErrors.StreamEndpointNotFound(name);
        }
        var lastEventId = context.Request.Headers["Last-Event-ID"].FirstOrDefault();
        await context.WriteServerSentEventsAsync(cancellationToken => stream.SubscribeAsync(lastEventId, cancellationToken));
    }
}
