using System.Net.ServerSentEvents;

namespace PlateletTwins.Tests.Infrastructure;

/// <summary>Reads a Server-Sent Events stream over real HTTP, event by event, each wait bounded.</summary>
public sealed class SseReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly IAsyncEnumerator<SseItem<string>> _events;

    private SseReader(HttpResponseMessage response, Stream stream)
    {
        _response = response;
        _events = SseParser.Create(stream).EnumerateAsync().GetAsyncEnumerator();
    }

    public static async Task<SseReader> OpenAsync(HttpClient client, string path, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new SseReader(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next event (the stream's opening <c>subscribed</c> event skipped), or a failure after <paramref name="timeout"/>.</summary>
    public async Task<SseItem<string>> NextAsync(TimeSpan timeout)
    {
        while (true)
        {
            var next = _events.MoveNextAsync().AsTask();
            if (await Task.WhenAny(next, Task.Delay(timeout)) != next || !await next)
            {
                throw new TimeoutException($"No event within {timeout}.");
            }
            if (_events.Current.EventType != "subscribed")
            {
                return _events.Current;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _response.Dispose();
        try
        {
            await _events.DisposeAsync();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or NotSupportedException)
        {
        }
    }
}
