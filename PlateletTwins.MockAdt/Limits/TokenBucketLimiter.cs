using System.Threading.RateLimiting;

namespace PlateletTwins.MockAdt.Limits;

/// <summary>
/// One of ADT's token buckets as a <see cref="RateLimiter"/>: <c>rate</c> permits a second, refilled continuously, at most
/// one second's worth saved up. A request it cannot serve is refused at once (ADT queues nothing), its lease saying when a
/// permit will be there (<see cref="MetadataName.RetryAfter"/>). Ours rather than System.Threading.RateLimiting's
/// <see cref="TokenBucketRateLimiter"/>: that one refills in whole periods on a timer of its own and reads the Stopwatch, so
/// it neither refills continuously nor runs on the <see cref="TimeProvider"/> that tests move by hand (every count exact);
/// this one reads the clock at each request and needs no timer.
/// </summary>
public sealed class TokenBucketLimiter : RateLimiter
{
    private readonly Lock _lock = new();
    private readonly double _rate;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _last;
    private long _successful;
    private long _failed;

    public TokenBucketLimiter(double rate, TimeProvider time)
    {
        _rate = rate;
        _time = time;
        _tokens = rate;
        _last = time.GetTimestamp();
    }

    /// <summary>How long the bucket has been full; null while it is refilling. A partitioned limiter drops a bucket idle for long: a new one is as full.</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                var now = _time.GetTimestamp();
                var sinceFull = _time.GetElapsedTime(_last, now) - TimeSpan.FromSeconds((_rate - _tokens) / _rate);
                return sinceFull >= TimeSpan.Zero ? sinceFull : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            Refill();
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = (long)_tokens,
                TotalSuccessfulLeases = _successful,
                TotalFailedLeases = _failed,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, 1);
        lock (_lock)
        {
            Refill();
            if (_tokens >= 1)
            {
                if (permitCount == 0)
                {
                    return Granted.Checked;
                }
                _tokens -= 1;
                _successful++;
                return new Granted(this);
            }
            _failed++;
            return new Refused(TimeSpan.FromSeconds((1 - _tokens) / _rate));
        }
    }

    // Nothing waits for a permit: ADT answers 429 at once.
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private void Refill()
    {
        var now = _time.GetTimestamp();
        _tokens = Math.Min(_rate, _tokens + _time.GetElapsedTime(_last, now).TotalSeconds * _rate);
        _last = now;
    }

    private void Return()
    {
        lock (_lock)
        {
            _tokens = Math.Min(_rate, _tokens + 1);
            _successful--;
        }
    }

    /// <summary>
    /// Gives back the permit of <paramref name="lease"/>, one this kind of bucket granted for a request that another of
    /// its budgets then refused: a refused request costs nothing. Disposing a lease gives nothing back (a permit is spent
    /// when taken, as in any token bucket).
    /// </summary>
    public static void GiveBack(RateLimitLease lease)
    {
        if (lease is Granted { Owner: { } owner } granted && !granted.Returned)
        {
            granted.Returned = true;
            owner.Return();
        }
    }

    private sealed class Granted(TokenBucketLimiter? owner) : RateLimitLease
    {
        /// <summary>A permit-count-0 probe's answer: there is a permit, none taken.</summary>
        public static readonly Granted Checked = new(null);

        public TokenBucketLimiter? Owner { get; } = owner;

        public bool Returned { get; set; }

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }

    private sealed class Refused(TimeSpan retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
