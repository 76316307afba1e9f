using System.Net.ServerSentEvents;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;

namespace PlateletTwins.Http;

/// <summary>
/// What the services' browser pages share: their files served from the service's assembly (so that any host of the
/// service, tests included, serves them), and Server-Sent Events streams that begin once the client is subscribed.
/// </summary>
public static class Pages
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>The embedded resource <c>{folder}/{file}</c> of <paramref name="assembly"/>, or 404.</summary>
    public static IResult Asset(Assembly assembly, string folder, string file)
    {
        if (!ContentTypes.TryGetContentType(file, out var contentType) || assembly.GetManifestResourceStream($"{folder}/{file}") is not { } stream)
        {
            return Results.NotFound();
        }
        // The pages' text files are UTF-8; ASP.NET Core's table names a text type without its charset.
        return Results.Stream(stream, contentType.StartsWith("text/", StringComparison.Ordinal) ? $"{contentType}; charset=utf-8" : contentType);
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
