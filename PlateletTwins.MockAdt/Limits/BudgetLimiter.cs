using System.Threading.RateLimiting;

namespace PlateletTwins.MockAdt.Limits;

/// <summary>
/// One partition of a rate-limiting policy (<see cref="AdtRateLimitPolicy"/>): the budgets that requests of one row and
/// one set of written twins spend. It holds no permits itself; <see cref="AdtBudgets"/> holds them, shared by every
/// partition that spends them, so that dropping an idle partition loses nothing.
/// </summary>
internal sealed class BudgetLimiter(AdtBudgets budgets, ApiCategory category, WrittenTwins twins, TimeProvider time) : RateLimiter
{
    private long _lastUse = time.GetTimestamp();

    public override TimeSpan? IdleDuration => time.GetElapsedTime(Interlocked.Read(ref _lastUse));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(permitCount, 1);
        Interlocked.Exchange(ref _lastUse, time.GetTimestamp());
        return budgets.Spend(category, twins);
    }

    // Nothing waits for a permit: ADT answers 429 at once.
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));
}
