using System.Net.ServerSentEvents;

namespace PlateletTwins.IngestionService.Live;

/// <summary>
/// The live lab view: <c>/live/</c> (the page), <c>/live/snapshot</c> (what ADT has now) and <c>/live/events</c> (each
/// acknowledged change as a Server-Sent Event). Read-only and without the intake key, so a browser can open it.
/// </summary>
public static class LiveEndpoints
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    public static void MapLiveView(this IEndpointRouteBuilder app)
    {
        app.MapGet("/live/snapshot", (LiveLab lab) => Results.Text(lab.Snapshot().ToJsonString(), "application/json"));
        app.MapGet("/live/events", StreamAsync);
        // With or without the trailing slash (routing matches both); the page names its assets by absolute path.
        app.MapGet("/live/{file?}", (string? file) => Asset(string.IsNullOrEmpty(file) ? "index.html" : file));
    }

    private static async Task StreamAsync(HttpContext context, LiveLab lab)
    {
        var cancellationToken = context.RequestAborted;
        var events = lab.SubscribeAsync(cancellationToken);
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        // Headers go out now, so the page knows it is subscribed before the first change.
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

    private static IResult Asset(string file)
    {
        var stream = typeof(LiveEndpoints).Assembly.GetManifestResourceStream($"Live/{file}");
        return stream is null || !ContentTypes.TryGetValue(Path.GetExtension(file), out var contentType)
            ? Results.NotFound()
            : Results.Stream(stream, contentType);
    }
}
