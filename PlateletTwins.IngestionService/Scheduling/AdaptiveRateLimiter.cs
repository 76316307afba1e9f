using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace PlateletTwins.IngestionService.Scheduling;

/// <summary>
/// Paces writes to ADT: a token bucket for the instance whose rate adapts (halved on a 429, raised a step on each
/// success: AIMD), and for each twin a minimum spacing of 1/<see cref="WriteOptions.PerTwinRate"/>. A 429's
/// Retry-After holds every write back until it has passed.
/// </summary>
public sealed class AdaptiveRateLimiter(IOptions<WriteOptions> options, TimeProvider time)
{
    private readonly WriteOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, long> _nextPerTwin = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private double _rate = options.Value.InstanceRate;
    private double _tokens = options.Value.InstanceRate;
    private long _last = time.GetTimestamp();
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    /// <summary>The instance rate in force now, writes a second.</summary>
    public double Rate
    {
        get
        {
            lock (_lock)
            {
                return _rate;
            }
        }
    }

    /// <summary>Waits until a write to <paramref name="twinId"/> is within every budget, and spends it.</summary>
    public async Task AcquireAsync(string twinId, CancellationToken cancellationToken)
    {
        var spacing = TimeSpan.FromSeconds(1 / _options.PerTwinRate);
        while (true)
        {
            var wait = TwinWait(twinId);
            if (wait <= TimeSpan.Zero)
            {
                wait = InstanceWait();
            }
            if (wait <= TimeSpan.Zero)
            {
                _nextPerTwin[twinId] = time.GetTimestamp() + (long)(spacing.TotalSeconds * time.TimestampFrequency);
                return;
            }
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>How many 429s ADT has answered.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    private long _throttled;

    /// <summary>ADT answered 429: halve the rate and hold everything back for <paramref name="retryAfter"/>.</summary>
    public void OnThrottled(TimeSpan? retryAfter)
    {
        Interlocked.Increment(ref _throttled);
        lock (_lock)
        {
            _rate = Math.Max(_options.MinimumRate, _rate / 2);
            _tokens = Math.Min(_tokens, _rate);
            var until = time.GetUtcNow() + (retryAfter ?? TimeSpan.FromSeconds(1));
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }
    }

    /// <summary>A write went through: raise the rate a step, up to the configured rate.</summary>
    public void OnSucceeded()
    {
        lock (_lock)
        {
            _rate = Math.Min(_options.InstanceRate, _rate + 1);
        }
    }

    private TimeSpan TwinWait(string twinId) =>
        _nextPerTwin.TryGetValue(twinId, out var next) && next > time.GetTimestamp()
            ? TimeSpan.FromSeconds((next - time.GetTimestamp()) / (double)time.TimestampFrequency)
            : TimeSpan.Zero;

    private TimeSpan InstanceWait()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_pausedUntil > now)
            {
                return _pausedUntil - now;
            }
            var timestamp = time.GetTimestamp();
            _tokens = Math.Min(_rate, _tokens + time.GetElapsedTime(_last, timestamp).TotalSeconds * _rate);
            _last = timestamp;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                return TimeSpan.Zero;
            }
            return TimeSpan.FromSeconds((1 - _tokens) / _rate);
        }
    }
}
