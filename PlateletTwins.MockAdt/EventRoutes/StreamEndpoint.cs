using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;

namespace PlateletTwins.MockAdt.EventRoutes;

/// <summary>
/// An endpoint kept in MockAdt: every event goes to every subscriber, numbered, and the last <see cref="Replay"/> are
/// kept so that a client reconnecting with <c>Last-Event-ID</c> misses nothing it could still get.
/// </summary>
public sealed partial class StreamEndpoint(string name, ILogger logger) : IEventEndpoint
{
    public const int Replay = 1000;
    private const int SubscriberBuffer = 10_000;

    private readonly Lock _lock = new();
    private readonly Queue<SseItem<string>> _recent = new();
    private readonly List<Channel<SseItem<string>>> _subscribers = [];
    private long _sequence;

    public string Name { get; } = name;

    public void Deliver(string id, string type, byte[] cloudEvent)
    {
        lock (_lock)
        {
            var item = new SseItem<string>(Encoding.UTF8.GetString(cloudEvent), type) { EventId = (++_sequence).ToString(System.Globalization.CultureInfo.InvariantCulture) };
            _recent.Enqueue(item);
            if (_recent.Count > Replay)
            {
                _recent.Dequeue();
            }
            foreach (var subscriber in _subscribers)
            {
                if (!subscriber.Writer.TryWrite(item))
                {
                    LogSubscriberBehind(logger, Name, id);
                }
            }
        }
    }

    /// <summary>The events from now on (after <paramref name="lastEventId"/>'s, when it is still kept), until the client goes.</summary>
    public async IAsyncEnumerable<SseItem<string>> SubscribeAsync(string? lastEventId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A slow client drops events rather than holding memory without bound; it can reconnect with Last-Event-ID.
        var channel = Channel.CreateBounded<SseItem<string>>(new BoundedChannelOptions(SubscriberBuffer) { FullMode = BoundedChannelFullMode.DropWrite });
        List<SseItem<string>> missed;
        lock (_lock)
        {
            missed = long.TryParse(lastEventId, out var last) ? [.. _recent.Where(e => long.Parse(e.EventId!, System.Globalization.CultureInfo.InvariantCulture) > last)] : [];
            _subscribers.Add(channel);
        }
        try
        {
            yield return new SseItem<string>("", Pages.SubscribedEvent);
            foreach (var item in missed)
            {
                yield return item;
            }
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return item;
            }
        }
        finally
        {
            lock (_lock)
            {
                _subscribers.Remove(channel);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A subscriber of endpoint {Endpoint} is behind: event {EventId} was not queued for it")]
    private static partial void LogSubscriberBehind(ILogger logger, string endpoint, string eventId);
}
