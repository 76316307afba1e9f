namespace PlateletTwins.ServiceDefaults.Configuration;

/// <summary>
/// The bounds of a setting that is a wait (for <c>[Range(typeof(TimeSpan), …)]</c>): at most the longest a timer or
/// <c>Task.Delay</c> takes, 2^32 − 2 ms (about 49.7 days); a period that repeats at least 1 ms, since 0 would spin.
/// </summary>
public static class WaitRange
{
    public const string None = "00:00:00";

    public const string ShortestPeriod = "00:00:00.001";

    public const string Longest = "49.17:02:47.294";
}
