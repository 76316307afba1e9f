namespace PlateletTwins.Http.RateLimiting;

/// <summary>
/// A token bucket: <see cref="Rate"/> tokens a second, refilled continuously, at most <see cref="Capacity"/> saved up.
/// Kept as a virtual schedule (GCRA): one instant, the one at which the bucket is full again, on the timestamps of a
/// <see cref="TimeProvider"/>. So it needs no timer and reads no clock itself: its owner passes the instant it decides
/// at, read once for all it decides then, and on a clock a test moves by hand every count is exact. Its owner decides
/// what a bucket without a token means (refuse at once, or wait) and guards it with its own lock.
/// </summary>
public sealed class TokenBucket
{
    private readonly long _frequency;

    // The instant the bucket is full again, had nothing more been taken; past while it is full.
    private long _full;

    /// <summary>A bucket full at the time of <paramref name="time"/>.</summary>
    public TokenBucket(double rate, double capacity, TimeProvider time)
    {
        _frequency = time.TimestampFrequency;
        _full = time.GetTimestamp();
        Rate = rate;
        Capacity = capacity;
    }

    /// <summary>Tokens a second.</summary>
    public double Rate { get; private set; }

    /// <summary>The most tokens the bucket holds.</summary>
    public double Capacity { get; private set; }

    /// <summary>The instant the bucket is full again, had nothing more been taken; at or before now while it is full.</summary>
    public long FullAt => _full;

    // Timestamp ticks a token takes to come.
    private double Interval => _frequency / Rate;

    /// <summary>
    /// The first instant at which the bucket holds a whole token, <paramref name="now"/> or before while it does. A
    /// bucket whose capacity is less than one token never does: for it, the instant one would come at were it not capped.
    /// </summary>
    public long Earliest(long now) => Math.Max(_full, now) - (long)((Capacity - 1) * Interval);

    /// <summary>The tokens in the bucket at <paramref name="now"/>, a part of one included.</summary>
    public double Tokens(long now) => Capacity - Math.Max(0, _full - now) / Interval;

    /// <summary>Takes a token at <paramref name="now"/>: the caller has seen that <see cref="Earliest"/> has come.</summary>
    public void Take(long now) => _full = Math.Max(_full, now) + (long)Interval;

    /// <summary>Gives back a token taken (at the rate in force): as if it had not been taken, none beyond the capacity kept.</summary>
    public void GiveBack() => _full -= (long)Interval;

    /// <summary>
    /// Changes the rate and capacity from now on. The instant the bucket is full again stays: what was taken is owed
    /// as time, so the tokens in it now are counted at the new rate.
    /// </summary>
    public void Change(double rate, double capacity)
    {
        Rate = rate;
        Capacity = capacity;
    }
}
