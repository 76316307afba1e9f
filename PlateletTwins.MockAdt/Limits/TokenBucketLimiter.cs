using System.Threading.RateLimiting;
using PlateletTwins.Http.RateLimiting;

namespace PlateletTwins.MockAdt.Limits;

/// <summary>
/// One of ADT's token buckets as a <see cref="RateLimiter"/>: <c>rate</c> permits a second, refilled continuously, at most
/// one second's worth saved up (a <see cref="TokenBucket"/>). A request it cannot serve is refused at once (ADT queues
/// nothing), its lease saying when a permit will be there (<see cref="MetadataName.RetryAfter"/>). Ours rather than
/// System.Threading.RateLimiting's <see cref="TokenBucketRateLimiter"/>: that one refills in whole periods, on a timer of
/// its own or when told to, and reads the Stopwatch, so it neither refills continuously nor runs on the
/// <see cref="TimeProvider"/> that tests move by hand (every count exact); this one reads the clock at each request and
/// needs no timer.
/// </summary>
internal sealed class TokenBucketLimiter : RateLimiter
{
    private readonly Lock _lock = new();
    private readonly TokenBucket _bucket;
    private readonly TimeProvider _time;
    private long _successful;
    private long _failed;

    public TokenBucketLimiter(double rate, TimeProvider time)
    {
        _bucket = new TokenBucket(rate, rate, time);
        _time = time;
    }

    /// <summary>How long the bucket has been full; null while it is refilling. A partitioned limiter drops a bucket idle for long: a new one is as full.</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                var now = _time.GetTimestamp();
                var full = _bucket.FullAt;
                return now >= full ? _time.GetElapsedTime(full, now) : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = (long)_bucket.Tokens(_time.GetTimestamp()),
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
            var now = _time.GetTimestamp();
            var next = _bucket.Earliest(now);
            if (next <= now)
            {
                if (permitCount == 0)
                {
                    return Granted.Checked;
                }
                _bucket.Take(now);
                _successful++;
                return new Granted(this);
            }
            _failed++;
            return new Refused(_time.GetElapsedTime(now, next));
        }
    }

    // Nothing waits for a permit: ADT answers 429 at once.
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private void Return()
    {
        lock (_lock)
        {
            _bucket.GiveBack();
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
