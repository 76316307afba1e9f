using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlateletTwins.IngestionService.Scheduling;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>
/// The writer's budgets as bookings on each twin's calendar: 10 writes a second a twin, the busy twin's next slot to
/// whoever asked first, a write joining two twins booked where both are free, and gaps left for the writes that fit.
/// </summary>
public sealed class RateLimiterTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 7, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly AdaptiveRateLimiter _limiter;

    // Bookings as far ahead as the tests look.
    public RateLimiterTests() => _limiter = new AdaptiveRateLimiter(Options.Create(new WriteOptions { BookingHorizon = TimeSpan.FromHours(1) }), _clock);

    [Fact]
    public void A_twins_writes_are_booked_a_tenth_of_a_second_apart()
    {
        var at = Enumerable.Range(0, 4).Select(_ => Offset(Patch("centrifuge-01"))).ToList();

        Assert.Equal([0, 100, 200, 300], at);
        Assert.Equal(0, Offset(Patch("centrifuge-02")));
    }

    [Fact]
    public void A_write_joining_two_busy_twins_is_booked_where_both_are_free_and_not_passed_over_by_later_writes()
    {
        // The sterile connector busy for 0.3 s, the pooling station for 0.5 s.
        for (var i = 0; i < 3; i++)
        {
            Patch("sterile-connector-01");
        }
        for (var i = 0; i < 5; i++)
        {
            Patch("pooling-station-01");
        }

        var move = Offset(Book(WriteKind.CreateOrDelete, "pool-P000001", "sterile-connector-01", "pooling-station-01"));
        var laterOnTheConnector = Offset(Patch("sterile-connector-01"));
        var laterOnTheStation = Offset(Patch("pooling-station-01"));

        Assert.Equal(500, move);
        // The connector's gap before the move is taken; the station has none before it.
        Assert.Equal(300, laterOnTheConnector);
        Assert.Equal(600, laterOnTheStation);
    }

    [Fact]
    public void A_booking_given_back_is_taken_by_the_next_write()
    {
        Patch("agitator-01");
        var unused = Patch("agitator-01");
        Patch("agitator-01");

        _limiter.Release(unused);

        Assert.Equal(100, Offset(Patch("agitator-01")));
        Assert.Equal(300, Offset(Patch("agitator-01")));
    }

    [Fact]
    public void A_429_books_the_waiting_writes_again_after_its_pause_still_spaced()
    {
        var first = Patch("lab-01");
        var second = Patch("lab-01");

        _limiter.OnThrottled(TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromSeconds(1), _limiter.Until(ref first));
        Assert.Equal(TimeSpan.FromSeconds(1.1), _limiter.Until(ref second));
        Assert.Equal(1000, Offset(first));
        Assert.Equal(1100, Offset(second));
    }

    [Fact]
    public void A_booking_long_past_unspent_is_booked_again_from_now_and_one_a_little_late_goes_as_booked()
    {
        var late = Patch("label-station-01");
        var longPast = Patch("tube-sealer-01");

        _clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(TimeSpan.Zero, _limiter.Until(ref late));
        Assert.Equal(0, Offset(late));

        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.Zero, _limiter.Until(ref longPast));
        Assert.Equal(2200, Offset(longPast));
    }

    [Fact]
    public async Task The_instance_budget_is_spent_when_a_write_goes()
    {
        var limiter = new AdaptiveRateLimiter(Options.Create(new WriteOptions { InstanceRate = 100, PerTwinRate = 1_000_000 }), _clock);
        var went = new List<TimeSpan>();

        // Off the test's synchronization context, a write the clock lets go goes on within Advance, so each is seen
        // at the instant it went: the clock moves a millisecond at a time only while the write waits.
        await Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                var write = limiter.AcquireAsync($"twin-{i}", CancellationToken.None);
                while (!write.IsCompleted)
                {
                    _clock.Advance(TimeSpan.FromMilliseconds(1));
                }
                await write;
                went.Add(_clock.GetUtcNow() - Start);
            }
        });

        // 100 a second, a tenth of a second's worth at once: ten at once, then one every 10 ms, the 50th after 0.4 s.
        Assert.All(went.Take(10), at => Assert.Equal(TimeSpan.Zero, at));
        Assert.Equal(TimeSpan.FromMilliseconds(10), went[10]);
        Assert.Equal(TimeSpan.FromMilliseconds(400), went[49]);
    }

    [Fact]
    public void A_write_is_not_booked_beyond_the_horizon_and_is_told_when_it_may_be()
    {
        var limiter = new AdaptiveRateLimiter(Options.Create(new WriteOptions()), _clock);
        string[] twin = ["centrifuge-01"];
        for (var i = 0; i < 3; i++)
        {
            Assert.True(limiter.TryBook(WriteKind.Patch, twin, out _, out _));
        }

        Assert.False(limiter.TryBook(WriteKind.Patch, twin, out _, out var retry));
        // Free at 0.3 s, within 0.2 s of 0.1 s.
        Assert.Equal(TimeSpan.FromMilliseconds(100), retry);
        _clock.Advance(retry);
        Assert.True(limiter.TryBook(WriteKind.Patch, twin, out var booking, out _));
        Assert.Equal(300, Offset(booking));
    }

    private Booking Patch(string twin) => Book(WriteKind.Patch, twin);

    private Booking Book(WriteKind kind, params string[] twins)
    {
        Assert.True(_limiter.TryBook(kind, twins, out var booking, out _));
        return booking;
    }

    private static long Offset(Booking booking) => (booking.At - Start.UtcTicks) / TimeSpan.TicksPerMillisecond;
}
