using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace PlateletTwins.MockAdt.Limits;

/// <summary>
/// ADT's rate limits as token buckets: one per row of the limits table for the instance, and one per twin for the
/// writes that touch it (10 a second, not adjustable on ADT). Buckets hold one second's worth. A request passes only
/// when every budget it spends has a token; one refused gives back what the others took, and is counted by the budget
/// that refused it.
/// </summary>
public sealed class RateLimiter
{
    private readonly Dictionary<ApiCategory, TokenBucket> _instance;
    private readonly ConcurrentDictionary<string, TokenBucket> _perTwin = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _refused = new(StringComparer.Ordinal);
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

    /// <summary>
    /// Spends the request's tokens: one of each twin in <paramref name="writtenTwins"/> and one of its instance row.
    /// False, with the wait until it would pass and the budget that refused it, when a budget is spent.
    /// </summary>
    public bool TryAcquire(ApiCategory category, IReadOnlyList<string> writtenTwins, out TimeSpan retryAfter, out Budget refusedBy)
    {
        var taken = new List<TokenBucket>(writtenTwins.Count + 1);
        foreach (var twin in writtenTwins)
        {
            var bucket = _perTwin.GetOrAdd(twin, _ => Bucket(_perTwinRate));
            if (!bucket.TryTake(out retryAfter))
            {
                return Refuse(taken, new Budget(category, twin), out refusedBy);
            }
            taken.Add(bucket);
        }
        if (_instance.TryGetValue(category, out var instance) && !instance.TryTake(out retryAfter))
        {
            return Refuse(taken, new Budget(category, null), out refusedBy);
        }
        retryAfter = TimeSpan.Zero;
        refusedBy = default;
        return true;
    }

    /// <summary>Requests refused so far, by budget: <c>twin</c> for the per-twin budgets, else the instance row's name.</summary>
    public IReadOnlyDictionary<string, long> Refused => _refused.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private bool Refuse(List<TokenBucket> taken, Budget budget, out Budget refusedBy)
    {
        foreach (var bucket in taken)
        {
            bucket.Return();
        }
        _refused.AddOrUpdate(budget.Twin is null ? budget.Category.ToString() : "twin", 1, (_, n) => n + 1);
        refusedBy = budget;
        return false;
    }

    private TokenBucket Bucket(double rate) => new(rate, capacity: rate, _time);
}

/// <summary>A budget a request spends: a twin's own (<see cref="Twin"/> set) or a row of the instance's table.</summary>
public readonly record struct Budget(ApiCategory Category, string? Twin)
{
    /// <summary>As the 429's <c>x-mockadt-budget</c> header says it: <c>twin agitator-01</c> (the id escaped as in a URL) or <c>instance CreateOrDelete</c>.</summary>
    public override string ToString() => Twin is null ? $"instance {Category}" : $"twin {Uri.EscapeDataString(Twin)}";
}
