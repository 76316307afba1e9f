using Xunit.Sdk;

namespace PlateletTwins.Tests.Infrastructure;

/// <summary>The one wait of the tests: it returns once the condition holds, and past its bound fails saying what never happened.</summary>
public sealed class EventuallyTests
{
    [Fact]
    public async Task A_condition_that_comes_true_ends_the_wait_with_the_value_read()
    {
        var reads = 0;
        var value = await Eventually.ReturnsAsync(() => Task.FromResult(++reads), n => n >= 3, TimeSpan.FromSeconds(10), "a third read");
        Assert.Equal(3, value);
        var flag = 0;
        await Eventually.TrueAsync(() => ++flag >= 2, TimeSpan.FromSeconds(10), "a second look");
        Assert.Equal(2, flag);
    }

    [Fact]
    public async Task A_condition_that_never_comes_true_fails_naming_it_and_the_last_value()
    {
        var failure = await Assert.ThrowsAsync<FailException>(() =>
            Eventually.ReturnsAsync(() => Task.FromResult(7), n => n > 7, TimeSpan.FromMilliseconds(200), "more than seven"));
        Assert.Contains("more than seven never happened; last seen: 7", failure.Message, StringComparison.Ordinal);

        var said = "nothing yet";
        var lazy = await Assert.ThrowsAsync<FailException>(() =>
            Eventually.TrueAsync(() => { said = "all of it"; return false; }, TimeSpan.FromMilliseconds(200), "a sync condition"));
        Assert.Contains("a sync condition never happened", lazy.Message, StringComparison.Ordinal);
        var late = await Assert.ThrowsAsync<FailException>(() =>
            Eventually.ReturnsAsync(() => Task.FromResult(false), ok => ok, TimeSpan.FromMilliseconds(200), () => $"a message made at failure ({said})"));
        Assert.Contains("(all of it)", late.Message, StringComparison.Ordinal);
    }
}
