using System.Net.ServerSentEvents;

namespace PlateletTwins.MockAdt.EventRoutes;

/// <summary>
/// <c>GET /mockadt/endpoints/{name}/events</c>: a stream endpoint's events as Server-Sent Events (not an ADT operation;
/// outside the bearer check, as a browser's EventSource sends no Authorization header).
/// </summary>
public static class EventStreamHandlers
{
    public static void MapEventStreamHandlers(this IEndpointRouteBuilder app) =>
        app.MapGet("/mockadt/endpoints/{name}/events", StreamAsync);

    private static async Task StreamAsync(string name, HttpContext context, EndpointRegistry endpoints)
    {
        if (endpoints.Get(name) is not StreamEndpoint stream)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var cancellationToken = context.RequestAborted;
        var events = stream.SubscribeAsync(context.Request.Headers["Last-Event-ID"].FirstOrDefault(), cancellationToken);
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        // Headers go out now, not with the first event: a client knows it is subscribed before anything happens.
        await context.Response.StartAsync(cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
        try
        {
            await SseFormatter.WriteAsync(events, context.Response.Body, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
