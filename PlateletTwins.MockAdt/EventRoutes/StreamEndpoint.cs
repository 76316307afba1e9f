using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using CloudNative.CloudEvents;
using PlateletTwins.Http;
using PlateletTwins.MockAdt.Events;

namespace PlateletTwins.MockAdt.EventRoutes;

/// <summary>
/// An endpoint kept in MockAdt: every event goes to every subscriber, numbered, and the last <see cref="Replay"/> are
/// kept so that a client reconnecting with <c>Last-Event-ID</c> misses nothing it could still get.
/// </summary>
internal sealed partial class StreamEndpoint : IEventEndpoint
{
    public const int Replay = 1000;
    private const int SubscriberBuffer = 10_000;

    private readonly Lock _lock = new();
    private readonly Queue<SseItem<string>> _recent = new();
    private readonly SseBroadcaster _subscribers;
    private long _sequence;

    public StreamEndpoint(string name, ILogger logger)
    {
        Name = name;
        // A slow client drops events rather than holding memory without bound; it can reconnect with Last-Event-ID.
        _subscribers = new SseBroadcaster(SubscriberBuffer, BoundedChannelFullMode.DropWrite, item => LogSubscriberBehind(logger, Name, item.EventId!));
    }

    public string Name { get; }

    public void Deliver(CloudEvent cloudEvent)
    {
        var data = Encoding.UTF8.GetString(CloudEventWriter.Write(cloudEvent));
        lock (_lock)
        {
            var item = new SseItem<string>(data, cloudEvent.Type) { EventId = (++_sequence).ToString(CultureInfo.InvariantCulture) };
            _recent.Enqueue(item);
            if (_recent.Count > Replay)
            {
                _recent.Dequeue();
            }
            _subscribers.Broadcast(item);
        }
    }

    /// <summary>The events from now on (after <paramref name="lastEventId"/>'s, when it is still kept), until the client goes.</summary>
    public async IAsyncEnumerable<SseItem<string>> SubscribeAsync(string? lastEventId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<SseItem<string>> missed;
        SseBroadcaster.Subscription subscription;
        // Under the lock that numbers the events: each comes either in the replay or in the subscription, never both.
        lock (_lock)
        {
            missed = long.TryParse(lastEventId, out var last) ? [.. _recent.Where(e => long.Parse(e.EventId!, CultureInfo.InvariantCulture) > last)] : [];
            subscription = _subscribers.Subscribe();
        }
        await foreach (var item in subscription.StreamAsync(missed, cancellationToken))
        {
            yield return item;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A subscriber of endpoint {Endpoint} is behind: event {EventId} was not queued for it")]
    private static partial void LogSubscriberBehind(ILogger logger, string endpoint, string eventId);
}
