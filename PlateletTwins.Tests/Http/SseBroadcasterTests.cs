using System.Net.ServerSentEvents;
using System.Threading.Channels;
using PlateletTwins.Http;

namespace PlateletTwins.Tests.Http;

/// <summary>The one fan-out of Server-Sent Events both services use: its frames' order and each full-queue policy.</summary>
public sealed class SseBroadcasterTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static SseItem<string> Item(int n) => new($"{{\"n\":{n}}}", "change") { EventId = n.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private static async Task<List<string?>> TakeAsync(IAsyncEnumerator<SseItem<string>> stream, int count)
    {
        var ids = new List<string?>();
        using var timeout = new CancellationTokenSource(Wait);
        for (var i = 0; i < count; i++)
        {
            Assert.True(await stream.MoveNextAsync().AsTask().WaitAsync(timeout.Token));
            ids.Add(stream.Current.EventType == Pages.SubscribedEvent ? Pages.SubscribedEvent : stream.Current.EventId);
        }
        return ids;
    }

    [Fact]
    public async Task A_stream_is_subscribed_then_the_replay_then_what_is_broadcast_and_going_away_unsubscribes()
    {
        var broadcaster = new SseBroadcaster(10, BoundedChannelFullMode.DropWrite);
        var subscription = broadcaster.Subscribe();
        broadcaster.Broadcast(Item(3));
        await using var stream = subscription.StreamAsync([Item(1), Item(2)], CancellationToken.None).GetAsyncEnumerator();

        Assert.Equal([Pages.SubscribedEvent, "1", "2", "3"], await TakeAsync(stream, 4));
        Assert.True(broadcaster.HasSubscribers);
        await stream.DisposeAsync();
        Assert.False(broadcaster.HasSubscribers);
    }

    [Fact]
    public async Task A_full_queue_that_drops_writes_keeps_the_oldest_and_says_which_it_dropped()
    {
        var dropped = new List<string?>();
        var broadcaster = new SseBroadcaster(2, BoundedChannelFullMode.DropWrite, item => dropped.Add(item.EventId));
        await using var stream = broadcaster.StreamAsync(CancellationToken.None).GetAsyncEnumerator();
        Assert.Equal([Pages.SubscribedEvent], await TakeAsync(stream, 1));

        for (var n = 1; n <= 4; n++)
        {
            broadcaster.Broadcast(Item(n));
        }
        broadcaster.Broadcast(Item(5));

        Assert.Equal(["3", "4", "5"], dropped);
        Assert.Equal(["1", "2"], await TakeAsync(stream, 2));
    }

    [Fact]
    public async Task A_full_queue_that_drops_the_oldest_keeps_the_newest()
    {
        var broadcaster = new SseBroadcaster(2, BoundedChannelFullMode.DropOldest);
        await using var stream = broadcaster.StreamAsync(CancellationToken.None).GetAsyncEnumerator();
        Assert.Equal([Pages.SubscribedEvent], await TakeAsync(stream, 1));

        for (var n = 1; n <= 5; n++)
        {
            broadcaster.Broadcast(Item(n));
        }

        Assert.Equal(["4", "5"], await TakeAsync(stream, 2));
    }

    [Fact]
    public void Nothing_is_queued_for_a_stream_nobody_reads()
    {
        var broadcaster = new SseBroadcaster(2, BoundedChannelFullMode.DropOldest);

        _ = broadcaster.StreamAsync(CancellationToken.None);

        Assert.False(broadcaster.HasSubscribers);
    }
}
