using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace PlateletTwins.MockAdt.Limits;

/// <summary>
/// ADT's rate limits for the instance, as token buckets (<see cref="TokenBucketLimiter"/>): one per row of the limits
/// table, and one per twin for the writes that touch it (10 a second, not adjustable on ADT), kept by a
/// <see cref="PartitionedRateLimiter{TResource}"/> that drops a twin's bucket once it has been full for a while (a new
/// one is as full). A request passes only when every budget it spends has a permit, its twins' first, then its row's;
/// one refused gives back what the others took, and its lease names the budget that refused it
/// (<see cref="RefusedBy"/>) and the wait until it would pass.
/// </summary>
internal sealed class AdtBudgets : IAsyncDisposable
{
    /// <summary>The budget that refused a request, on the refused lease.</summary>
    public static readonly MetadataName<Budget> RefusedBy = MetadataName.Create<Budget>("MockAdt.Budget");

    private readonly Dictionary<ApiCategory, TokenBucketLimiter> _instance;
    private readonly PartitionedRateLimiter<string> _perTwin;

    public AdtBudgets(IOptions<LimitsOptions> options, TimeProvider time)
    {
        var rates = options.Value.Rates;
        _instance = new()
        {
            [ApiCategory.DigitalTwinRead] = new(rates.DigitalTwinReads, time),
            [ApiCategory.DigitalTwinPatch] = new(rates.DigitalTwinPatches, time),
            [ApiCategory.CreateOrDelete] = new(rates.CreatesAndDeletes, time),
            [ApiCategory.Models] = new(rates.Models, time),
            [ApiCategory.Query] = new(rates.Queries, time),
            [ApiCategory.EventRoutes] = new(rates.EventRoutes, time),
            [ApiCategory.Jobs] = new(rates.Jobs, time),
        };
        _perTwin = PartitionedRateLimiter.Create<string, string>(
            twin => RateLimitPartition.Get(twin, _ => new TokenBucketLimiter(rates.WritesPerTwin, time)), StringComparer.Ordinal);
    }

    /// <summary>Spends a permit of each twin in <paramref name="twins"/> and one of <paramref name="category"/>'s row, or none.</summary>
    public RateLimitLease Spend(ApiCategory category, WrittenTwins twins)
    {
        var taken = twins.Count == 0 ? null : new List<RateLimitLease>(twins.Count);
        for (var i = 0; i < twins.Count; i++)
        {
            var lease = _perTwin.AttemptAcquire(twins[i]);
            if (!lease.IsAcquired)
            {
                return Refuse(taken, lease, new Budget(category, twins[i]));
            }
            taken!.Add(lease);
        }
        var row = _instance[category].AttemptAcquire();
        return row.IsAcquired ? BudgetLease.Granted : Refuse(taken, row, new Budget(category, null));
    }

    private static BudgetLease Refuse(List<RateLimitLease>? taken, RateLimitLease refusal, Budget budget)
    {
        foreach (var lease in taken ?? [])
        {
            TokenBucketLimiter.GiveBack(lease);
        }
        refusal.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter);
        return new BudgetLease(budget, retryAfter);
    }

    public async ValueTask DisposeAsync()
    {
        await _perTwin.DisposeAsync();
        foreach (var bucket in _instance.Values)
        {
            await bucket.DisposeAsync();
        }
    }

    /// <summary>A request's answer: granted (nothing to give back: the permits are spent), or refused by a budget.</summary>
    private sealed class BudgetLease(Budget? refusedBy, TimeSpan retryAfter) : RateLimitLease
    {
        public static readonly BudgetLease Granted = new(null, TimeSpan.Zero);

        public override bool IsAcquired => refusedBy is null;

        public override IEnumerable<string> MetadataNames => IsAcquired ? [] : [MetadataName.RetryAfter.Name, RefusedBy.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = refusedBy is not { } budget ? null
                : metadataName == MetadataName.RetryAfter.Name ? retryAfter
                : metadataName == RefusedBy.Name ? budget
                : null;
            return metadata is not null;
        }
    }
}
