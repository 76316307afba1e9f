using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace PlateletTwins.MockAdt.Limits;

/// <summary>
/// ADT's rate limits as token buckets: one per row of the limits table for the instance, and one per twin for the
/// writes that touch it (10 a second, not adjustable on ADT). Buckets hold one second's worth.
/// </summary>
public sealed class RateLimiter
{
    private readonly Dictionary<ApiCategory, TokenBucket> _instance;
    private readonly ConcurrentDictionary<string, TokenBucket> _perTwin = new(StringComparer.Ordinal);
    private readonly double _perTwinRate;
    private readonly TimeProvider _time;

    public RateLimiter(IOptions<LimitsOptions> options, TimeProvider time)
    {
        var rates = options.Value.Rates;
        _time = time;
        _perTwinRate = rates.WritesPerTwin;
        _instance = new()
        {
            [ApiCategory.DigitalTwinRead] = Bucket(rates.DigitalTwinReads),
            [ApiCategory.DigitalTwinPatch] = Bucket(rates.DigitalTwinPatches),
            [ApiCategory.CreateOrDelete] = Bucket(rates.CreatesAndDeletes),
            [ApiCategory.Models] = Bucket(rates.Models),
            [ApiCategory.Query] = Bucket(rates.Queries),
            [ApiCategory.EventRoutes] = Bucket(rates.EventRoutes),
            [ApiCategory.Jobs] = Bucket(rates.Jobs),
        };
    }

    /// <summary>Spends the request's tokens; false with the wait until it would pass when a budget is spent.</summary>
    public bool TryAcquire(ApiCategory category, string? writtenTwin, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (writtenTwin is not null && !_perTwin.GetOrAdd(writtenTwin, _ => Bucket(_perTwinRate)).TryTake(out retryAfter))
        {
            return false;
        }
        return !_instance.TryGetValue(category, out var bucket) || bucket.TryTake(out retryAfter);
    }

    private TokenBucket Bucket(double rate) => new(rate, capacity: rate, _time);
}
