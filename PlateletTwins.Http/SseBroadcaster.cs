using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace PlateletTwins.Http;

/// <summary>
/// Server-Sent Events to every subscriber: each has a bounded queue of its own, so one slow client neither holds
/// the others back nor memory without bound. What a full queue does is the owner's choice: drop the newest
/// (<see cref="BoundedChannelFullMode.DropWrite"/>, the client reconnects and replays) or the oldest
/// (<see cref="BoundedChannelFullMode.DropOldest"/>, the client lags but stays current).
/// </summary>
public sealed class SseBroadcaster(int subscriberBuffer, BoundedChannelFullMode whenFull, Action<SseItem<string>>? dropped = null)
{
    private readonly Lock _lock = new();
    // Read on every broadcast, changed only when a client comes or goes: a new array each time, read without the lock.
    private volatile Channel<SseItem<string>>[] _subscribers = [];

    /// <summary>Whether anyone listens: cheap, for owners that skip building an item nobody would get.</summary>
    public bool HasSubscribers => _subscribers.Length > 0;

    /// <summary>Queues <paramref name="item"/> for every subscriber there is now.</summary>
    public void Broadcast(SseItem<string> item)
    {
        foreach (var subscriber in _subscribers)
        {
            subscriber.Writer.TryWrite(item);
        }
    }

    /// <summary>
    /// Subscribes now: what is broadcast from this call on is queued for the subscriber, so a caller that takes its
    /// own lock around this and whatever it replays misses nothing between the two.
    /// </summary>
    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded(new BoundedChannelOptions(subscriberBuffer) { FullMode = whenFull, SingleReader = true }, dropped);
        lock (_lock)
        {
            _subscribers = [.. _subscribers, channel];
        }
        return new Subscription(this, channel);
    }

    /// <summary>Everything from now on, after <see cref="Pages.SubscribedEvent"/>, until the client goes.</summary>
    public async IAsyncEnumerable<SseItem<string>> StreamAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Subscribed when the stream is first read, as a client that never reads it must not hold a queue.
        await foreach (var item in Subscribe().StreamAsync([], cancellationToken))
        {
            yield return item;
        }
    }

    private void Remove(Channel<SseItem<string>> channel)
    {
        lock (_lock)
        {
            _subscribers = [.. _subscribers.Where(s => s != channel)];
        }
    }

    /// <summary>One subscriber's queue; disposing it unsubscribes.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly SseBroadcaster _owner;
        private readonly Channel<SseItem<string>> _channel;

        internal Subscription(SseBroadcaster owner, Channel<SseItem<string>> channel)
        {
            _owner = owner;
            _channel = channel;
        }

        public ChannelReader<SseItem<string>> Reader => _channel.Reader;

        /// <summary>
        /// A stream's events: first <see cref="Pages.SubscribedEvent"/>, then <paramref name="replay"/> (what the client
        /// missed, as its owner knows), then what is broadcast, until the client goes; the subscription ends with it.
        /// </summary>
        public async IAsyncEnumerable<SseItem<string>> StreamAsync(IEnumerable<SseItem<string>> replay, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            using (this)
            {
                yield return new SseItem<string>("", Pages.SubscribedEvent);
                foreach (var item in replay)
                {
                    yield return item;
                }
                await foreach (var item in _channel.Reader.ReadAllAsync(cancellationToken))
                {
                    yield return item;
                }
            }
        }

        public void Dispose() => _owner.Remove(_channel);
    }
}
