using Microsoft.Extensions.Time.Testing;
using PlateletTwins.Http;

namespace PlateletTwins.Tests.Http;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 7, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, "1")]
    [InlineData(1, "1")]
    [InlineData(1000, "1")]
    [InlineData(1001, "2")]
    [InlineData(59_999, "60")]
    public void A_wait_is_written_in_whole_seconds_rounded_up_and_at_least_one(int milliseconds, string header) =>
        Assert.Equal(header, RetryAfter.Format(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void A_wait_longer_than_the_header_can_say_is_the_most_it_can_say() =>
        Assert.Equal(int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture), RetryAfter.Format(TimeSpan.MaxValue));

    [Fact]
    public void Seconds_and_dates_are_read_against_the_clock_and_anything_else_is_no_header()
    {
        var clock = new FakeTimeProvider(Now);

        Assert.Equal(TimeSpan.FromSeconds(7), RetryAfter.Parse("7", clock));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryAfter.Parse(Now.AddSeconds(30).ToString("R", System.Globalization.CultureInfo.InvariantCulture), clock));
        Assert.Equal(TimeSpan.Zero, RetryAfter.Parse(Now.AddSeconds(-30).ToString("R", System.Globalization.CultureInfo.InvariantCulture), clock));
        Assert.Null(RetryAfter.Parse("soon", clock));
        Assert.Null(RetryAfter.Parse("-3", clock));
        Assert.Null(RetryAfter.Parse("", clock));
        Assert.Null(RetryAfter.Parse((string?)null, clock));
    }

    [Fact]
    public void What_is_written_reads_back_as_at_least_the_wait() =>
        Assert.Equal(TimeSpan.FromSeconds(3), RetryAfter.Parse(RetryAfter.Format(TimeSpan.FromSeconds(2.2)), new FakeTimeProvider(Now)));
}
