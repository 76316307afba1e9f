using System.Net.ServerSentEvents;
using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace PlateletTwins.Http;

/// <summary>
/// What the services' browser pages share: their files served from the service's assembly (so that any host of the
/// service, tests included, serves them), and Server-Sent Events streams that begin once the client is subscribed.
/// </summary>
public static class Pages
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    /// <summary>The embedded resource <c>{folder}/{file}</c> of <paramref name="assembly"/>, or 404.</summary>
    public static IResult Asset(Assembly assembly, string folder, string file)
    {
        var stream = assembly.GetManifestResourceStream($"{folder}/{file}");
        return stream is null || !ContentTypes.TryGetValue(Path.GetExtension(file), out var contentType)
            ? Results.NotFound()
            : Results.Stream(stream, contentType);
    }

    /// <summary>The first event of every stream, written once the subscription is in place: the response (headers
    /// included) starts with it, so a client that sees the response cannot miss what happens next.</summary>
    public const string SubscribedEvent = "subscribed";

    /// <summary>Writes <paramref name="events"/> as <c>text/event-stream</c> until the client goes.</summary>
    public static async Task WriteServerSentEventsAsync(this HttpContext context, Func<CancellationToken, IAsyncEnumerable<SseItem<string>>> events)
    {
        var cancellationToken = context.RequestAborted;
        var items = events(cancellationToken);
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        try
        {
            await SseFormatter.WriteAsync(items, context.Response.Body, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
