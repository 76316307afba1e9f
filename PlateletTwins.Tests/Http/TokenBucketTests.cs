using Microsoft.Extensions.Time.Testing;
using PlateletTwins.Http.RateLimiting;

namespace PlateletTwins.Tests.Http;

/// <summary>
/// The one token bucket both services pace by (MockAdt's budgets refuse with it, the writer waits on it), on a clock
/// that moves only when the test says: its capacity, continuous refill, the instant of the next token, refunds and a
/// rate changed midway.
/// </summary>
public sealed class TokenBucketTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
    private readonly long _start;

    public TokenBucketTests() => _start = _clock.GetTimestamp();

    private long Now => _clock.GetTimestamp();

    [Fact]
    public void A_full_bucket_gives_its_capacity_at_once_then_refills_continuously()
    {
        var bucket = new TokenBucket(10, 10, _clock);

        Assert.Equal(10, TakeAllThereAre(bucket));
        Assert.Equal(0, bucket.Tokens(Now));
        Assert.Equal(TimeSpan.FromMilliseconds(100), At(bucket.Earliest(Now)));

        // A quarter of a second: two and a half tokens, two of them whole.
        _clock.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal(2.5, bucket.Tokens(Now));
        Assert.Equal(2, TakeAllThereAre(bucket));
        Assert.Equal(TimeSpan.FromMilliseconds(300), At(bucket.Earliest(Now)));
        Assert.Equal(TimeSpan.FromMilliseconds(1200), At(bucket.FullAt));
    }

    [Fact]
    public void A_bucket_saves_up_no_more_than_its_capacity_and_says_since_when_it_has_been_full()
    {
        var bucket = new TokenBucket(10, 10, _clock);
        bucket.Take(Now);
        bucket.Take(Now);

        _clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(10, bucket.Tokens(Now));
        Assert.Equal(TimeSpan.FromMilliseconds(200), At(bucket.FullAt));
        Assert.True(bucket.Earliest(Now) <= Now);
        Assert.Equal(10, TakeAllThereAre(bucket));
    }

    [Fact]
    public void A_bucket_smaller_than_a_seconds_worth_lets_its_capacity_go_at_once_then_one_token_each_interval()
    {
        // The writer's: 100 a second, a tenth of a second's worth at once.
        var bucket = new TokenBucket(100, 10, _clock);

        var went = Enumerable.Range(0, 50).Select(_ => TakeWhenThereIs(bucket)).ToList();

        Assert.All(went.Take(10), at => Assert.Equal(TimeSpan.Zero, at));
        Assert.Equal(TimeSpan.FromMilliseconds(10), went[10]);
        Assert.Equal(TimeSpan.FromMilliseconds(20), went[11]);
        Assert.Equal(TimeSpan.FromMilliseconds(400), went[49]);
    }

    [Fact]
    public void A_token_given_back_can_be_taken_again_and_none_is_kept_beyond_the_capacity()
    {
        var bucket = new TokenBucket(2, 2, _clock);
        Assert.Equal(2, TakeAllThereAre(bucket));

        bucket.GiveBack();

        Assert.Equal(1, bucket.Tokens(Now));
        Assert.Equal(1, TakeAllThereAre(bucket));
        Assert.Equal(TimeSpan.FromMilliseconds(500), At(bucket.Earliest(Now)));

        // Full again after a second; a token given back then is one too many.
        _clock.Advance(TimeSpan.FromSeconds(2));
        bucket.Take(Now);
        bucket.GiveBack();
        bucket.GiveBack();
        Assert.Equal(2, bucket.Tokens(Now));
        Assert.Equal(2, TakeAllThereAre(bucket));
    }

    [Fact]
    public void A_rate_changed_midway_counts_what_was_taken_as_time_owed()
    {
        var bucket = new TokenBucket(100, 10, _clock);
        Assert.Equal(10, TakeAllThereAre(bucket));
        Assert.Equal(TimeSpan.FromMilliseconds(10), At(bucket.Earliest(Now)));

        // Halved: full again at 100 ms still, now with 5 tokens 20 ms apart, so the first at 20 ms.
        bucket.Change(50, 5);

        Assert.Equal(50, bucket.Rate);
        Assert.Equal(5, bucket.Capacity);
        Assert.Equal(TimeSpan.FromMilliseconds(100), At(bucket.FullAt));
        Assert.Equal(TimeSpan.FromMilliseconds(20), At(bucket.Earliest(Now)));
        Assert.Equal(TimeSpan.FromMilliseconds(20), TakeWhenThereIs(bucket));
        Assert.Equal(TimeSpan.FromMilliseconds(40), TakeWhenThereIs(bucket));
    }

    [Fact]
    public void A_bucket_holding_less_than_one_token_never_has_one()
    {
        var bucket = new TokenBucket(0.5, 0.5, _clock);

        Assert.Equal(TimeSpan.FromSeconds(1), _clock.GetElapsedTime(Now, bucket.Earliest(Now)));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0.5, bucket.Tokens(Now));
        Assert.Equal(TimeSpan.FromSeconds(1), _clock.GetElapsedTime(Now, bucket.Earliest(Now)));
    }

    // Takes tokens while there is one now, as MockAdt does: how many there were (a bucket that never runs out stops at 1,000).
    private int TakeAllThereAre(TokenBucket bucket)
    {
        var taken = 0;
        while (taken < 1000 && bucket.Earliest(Now) <= Now)
        {
            bucket.Take(Now);
            taken++;
        }
        return taken;
    }

    // Waits for a token, as the writer does: the instant it was taken.
    private TimeSpan TakeWhenThereIs(TokenBucket bucket)
    {
        if (bucket.Earliest(Now) is var next && next > Now)
        {
            _clock.Advance(_clock.GetElapsedTime(Now, next));
        }
        bucket.Take(Now);
        return At(Now);
    }

    private TimeSpan At(long instant) => _clock.GetElapsedTime(_start, instant);
}
