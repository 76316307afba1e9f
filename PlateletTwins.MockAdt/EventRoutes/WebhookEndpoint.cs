using System.Threading.Channels;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Http;
using PlateletTwins.MockAdt.Events;

namespace PlateletTwins.MockAdt.EventRoutes;

/// <summary>
/// POSTs each event to a URL, one CloudEvent per request in structured mode as Event Grid delivers them, in order,
/// retrying a failed delivery with growing pauses (Event Grid retries for up to a day; this gives up after
/// <see cref="Attempts"/> and logs the event it dropped).
/// </summary>
internal sealed partial class WebhookEndpoint : IEventEndpoint, IAsyncDisposable
{
    public const int Attempts = 5;

    /// <summary>How long one delivery may take before it counts as failed.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    private readonly Channel<CloudEvent> _queue = Channel.CreateUnbounded<CloudEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HttpClient _client;
    private readonly Uri _url;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sender;

    public WebhookEndpoint(string name, Uri url, HttpClient client, ILogger logger)
    {
        Name = name;
        _url = url;
        _client = client;
        _logger = logger;
        _sender = Task.Run(SendAllAsync);
    }

    public string Name { get; }

    public void Deliver(CloudEvent cloudEvent) => _queue.Writer.TryWrite(cloudEvent);

    private async Task SendAllAsync()
    {
        try
        {
            await foreach (var cloudEvent in _queue.Reader.ReadAllAsync(_stop.Token))
            {
                await SendAsync(cloudEvent);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(CloudEvent cloudEvent)
    {
        var id = cloudEvent.Id!;
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                using var content = cloudEvent.ToHttpContent(ContentMode.Structured, CloudEventWriter.Formatter);
                using var response = await _client.PostAsync(_url, content, _stop.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
                LogAttemptFailed(_logger, Name, id, attempt, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (Exception e) when (!_stop.IsCancellationRequested)
            {
                // Refused, reset, timed out: whatever it was, this event's next attempt follows, and the loop lives on.
                LogAttemptFailed(_logger, Name, id, attempt, $"{e.GetType().Name}: {e.Message}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Pow(4, attempt - 1)), _stop.Token);
        }
        LogDropped(_logger, Name, id, Attempts);
    }

    /// <summary>Delivers what is queued, for a few seconds at most, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAny(_sender, Task.Delay(TimeSpan.FromSeconds(5)));
        await _stop.CancelAsync();
        await _sender;
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Endpoint {Endpoint}: delivery of event {EventId} failed (attempt {Attempt}): {Reason}")]
    private static partial void LogAttemptFailed(ILogger logger, string endpoint, string eventId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Endpoint {Endpoint}: event {EventId} dropped after {Attempts} attempts")]
    private static partial void LogDropped(ILogger logger, string endpoint, string eventId, int attempts);
}
