using System.Diagnostics;

namespace PlateletTwins.Tests.Infrastructure;

/// <summary>Waits, within a bound, for a condition that a process makes true; fails with a message that says what never happened.</summary>
public static class Eventually
{
    public static Task<T> ReturnsAsync<T>(Func<Task<T>> read, Func<T, bool> until, TimeSpan within, string what) =>
        ReturnsAsync(read, until, within, () => what);

    /// <summary>As above, with a message made when it fails: for what is known only then (a process's output so far).</summary>
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> read, Func<T, bool> until, TimeSpan within, Func<string> what)
    {
        // On the monotonic clock: a step of the wall clock neither ends nor stretches the wait.
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var value = await read();
            if (until(value))
            {
                return value;
            }
            if (Stopwatch.GetElapsedTime(started) > within)
            {
                Assert.Fail($"Within {within.TotalSeconds:F0} s, {what()} never happened; last seen: {value}");
            }
            await Task.Delay(100);
        }
    }

    public static Task TrueAsync(Func<Task<bool>> condition, TimeSpan within, string what) =>
        ReturnsAsync(condition, ok => ok, within, what);

    /// <summary>For a condition read in process (a queue's backlog): no I/O to await.</summary>
    public static Task TrueAsync(Func<bool> condition, TimeSpan within, string what) =>
        ReturnsAsync(() => Task.FromResult(condition()), ok => ok, within, what);
}
