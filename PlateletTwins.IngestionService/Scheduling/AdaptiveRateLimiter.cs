using Microsoft.Extensions.Options;

namespace PlateletTwins.IngestionService.Scheduling;

/// <summary>
/// Paces writes to ADT within its budgets: for the instance, a token bucket of patches and one of creates and deletes
/// (twins and relationships), whose rates adapt together (halved on a 429, raised a step on each success: AIMD); for
/// each twin, a minimum spacing of 1/<see cref="WriteOptions.PerTwinRate"/>. A write may spend the budget of several
/// twins (a relationship change: its source's and its target's, and a moved one's old target's): it takes them all at
/// once, when all of them and its instance bucket have room. A 429's Retry-After holds every write back until it has
/// passed.
/// </summary>
public sealed class AdaptiveRateLimiter(IOptions<WriteOptions> options, TimeProvider time)
{
    private readonly WriteOptions _options = options.Value;
    private readonly Dictionary<string, long> _nextPerTwin = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly Bucket _patches = new(options.Value.InstanceRate, time.GetTimestamp());
    private readonly Bucket _createsAndDeletes = new(options.Value.CreateDeleteRate, time.GetTimestamp());
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    /// <summary>The instance rate of patches in force now, writes a second.</summary>
    public double Rate
    {
        get
        {
            lock (_lock)
            {
                return _patches.Rate;
            }
        }
    }

    /// <summary>Waits until a patch of <paramref name="twinId"/> is within every budget, and spends it.</summary>
    public Task AcquireAsync(string twinId, CancellationToken cancellationToken) => AcquireAsync(WriteKind.Patch, [twinId], cancellationToken);

    /// <summary>Waits until a write of <paramref name="kind"/> that touches <paramref name="twins"/> is within every budget, and spends it.</summary>
    public async Task AcquireAsync(WriteKind kind, IReadOnlyCollection<string> twins, CancellationToken cancellationToken)
    {
        while (TryAcquire(kind, twins) is var wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>How many 429s ADT has answered.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    private long _throttled;

    /// <summary>ADT answered 429: halve the rates and hold everything back for <paramref name="retryAfter"/>.</summary>
    public void OnThrottled(TimeSpan? retryAfter)
    {
        Interlocked.Increment(ref _throttled);
        lock (_lock)
        {
            _patches.Slow(_options.MinimumRate);
            _createsAndDeletes.Slow(Math.Min(_options.MinimumRate, _options.CreateDeleteRate));
            var until = time.GetUtcNow() + (retryAfter ?? TimeSpan.FromSeconds(1));
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }
    }

    /// <summary>A write went through: raise the rates a step, up to the configured ones.</summary>
    public void OnSucceeded()
    {
        lock (_lock)
        {
            _patches.Raise(_options.InstanceRate);
            _createsAndDeletes.Raise(_options.CreateDeleteRate);
        }
    }

    /// <summary>Spends the write's budget if it is there now (zero); else the wait until it may be.</summary>
    // All or nothing, now: the write's budget is spent only when every twin it touches and its instance bucket have
    // room at once. Reserving a later instant instead would leave each twin idle until then, and twins that a
    // relationship joins (a device and the next one on the line) would hold each other's budgets back. Otherwise, the
    // wait until the one that has no room now will.
    public TimeSpan TryAcquire(WriteKind kind, IReadOnlyCollection<string> twins)
    {
        var frequency = time.TimestampFrequency;
        lock (_lock)
        {
            var now = time.GetTimestamp();
            var paused = _pausedUntil - time.GetUtcNow();
            if (paused > TimeSpan.Zero)
            {
                return paused;
            }
            var ready = now;
            foreach (var twin in twins)
            {
                if (_nextPerTwin.TryGetValue(twin, out var next) && next > ready)
                {
                    ready = next;
                }
            }
            var bucket = kind == WriteKind.Patch ? _patches : _createsAndDeletes;
            ready = Math.Max(ready, bucket.Earliest(frequency));
            if (ready > now)
            {
                return TimeSpan.FromTicks(Math.Max(1, (long)((ready - now) * (TimeSpan.TicksPerSecond / (double)frequency))));
            }
            bucket.Take(now, frequency);
            var free = now + (long)(frequency / _options.PerTwinRate);
            foreach (var twin in twins)
            {
                _nextPerTwin[twin] = free;
            }
            return TimeSpan.Zero;
        }
    }

    /// <summary>
    /// A token bucket as a virtual schedule (GCRA): a write may go while the bucket has a token, else when the next
    /// one comes. It holds a tenth of a second's worth: ADT's holds a second's, so the writes
    /// that bunch up on the way (one held up by the network, the next not) still find room there. Its rate adapts;
    /// guarded by the limiter's lock.
    /// </summary>
    private sealed class Bucket(double rate, long timestamp)
    {
        // The instant the bucket would be full again, had every reserved write gone.
        private long _full = timestamp;

        public double Rate { get; private set; } = rate;

        // The first instant a write leaves the bucket no more than empty.
        public long Earliest(long frequency) => _full - (long)((Math.Max(1, Rate / 10) - 1) * (frequency / Rate));

        public void Take(long now, long frequency) => _full = Math.Max(_full, now) + (long)(frequency / Rate);

        public void Slow(double minimum) => Rate = Math.Max(minimum, Rate / 2);

        public void Raise(double maximum) => Rate = Math.Min(maximum, Rate + 1);
    }
}

/// <summary>Which of ADT's instance budgets a write spends.</summary>
public enum WriteKind
{
    /// <summary>A JSON Patch of a twin (ADT: 1,000 a second).</summary>
    Patch,

    /// <summary>A twin or relationship created, replaced or deleted (ADT: 500 a second).</summary>
    CreateOrDelete,
}
