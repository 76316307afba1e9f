namespace PlateletTwins.MockAdt.Limits;

/// <summary>A token bucket: <see cref="Rate"/> tokens a second, at most <see cref="Capacity"/> saved up.</summary>
public sealed class TokenBucket(double rate, double capacity, TimeProvider time)
{
    private readonly Lock _lock = new();
    private double _tokens = capacity;
    private long _last = time.GetTimestamp();

    public double Rate { get; } = rate;

    public double Capacity { get; } = capacity;

    /// <summary>Takes a token if one is there; otherwise says how long until one will be.</summary>
    public bool TryTake(out TimeSpan retryAfter)
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(Capacity, _tokens + time.GetElapsedTime(_last, now).TotalSeconds * Rate);
            _last = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }
            retryAfter = TimeSpan.FromSeconds((1 - _tokens) / Rate);
            return false;
        }
    }

    /// <summary>Gives back a token taken for a request that another budget then refused: a refused request costs nothing.</summary>
    public void Return()
    {
        lock (_lock)
        {
            _tokens = Math.Min(Capacity, _tokens + 1);
        }
    }
}
