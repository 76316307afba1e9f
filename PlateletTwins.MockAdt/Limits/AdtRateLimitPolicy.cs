using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace PlateletTwins.MockAdt.Limits;

/// <summary>
/// One row of ADT's rate-limit table as an ASP.NET Core rate-limiting policy, named after the row
/// (<see cref="NameOf"/>): the endpoints that count against it say so in their metadata. Its partitions are the twins a
/// request writes (<see cref="WrittenTwins"/>), so that a write spends its twins' own budgets with the row's.
/// </summary>
internal sealed class AdtRateLimitPolicy(ApiCategory category, AdtBudgets budgets, TimeProvider time) : IRateLimiterPolicy<WrittenTwins>
{
    public static string NameOf(ApiCategory category) => $"adt-{category}";

    // The rate limiter's own OnRejected answers for every row (LimitsHostingExtensions).
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

    public RateLimitPartition<WrittenTwins> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.Get(httpContext.Features.Get<WrittenTwins>() ?? WrittenTwins.None, twins => new BudgetLimiter(budgets, category, twins, time));
}
