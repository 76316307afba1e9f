using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace PlateletTwins.MockAdt.Limits;

/// <summary>
/// Answers a request the rate limiter refused: ADT's 429 with the spent budget in <see cref="ThrottledResponse.BudgetHeader"/>,
/// a Debug line naming it, and a count per budget (<c>twin</c> for the per-twin budgets, else the row's name) that
/// <c>GET /mockadt/limits</c> shows.
/// </summary>
internal sealed partial class BudgetRefusals(ILogger<BudgetRefusals> logger)
{
    private readonly ILogger _logger = logger;
    private readonly ConcurrentDictionary<string, long> _refused = new(StringComparer.Ordinal);

    /// <summary>Requests refused so far, by budget.</summary>
    public IReadOnlyDictionary<string, long> Refused => _refused.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public async ValueTask AnswerAsync(HttpContext context, RateLimitLease lease)
    {
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter);
        if (lease.TryGetMetadata(AdtBudgets.RefusedBy, out var budget))
        {
            _refused.AddOrUpdate(budget.Twin is null ? budget.Category.ToString() : "twin", 1, (_, n) => n + 1);
            context.Response.Headers[ThrottledResponse.BudgetHeader] = budget.ToString();
        }
        LogThrottled(_logger, context.Request.Method, context.Request.Path, budget, retryAfter.TotalMilliseconds);
        await ThrottledResponse.WriteAsync(context, retryAfter);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path} -> 429, the budget of {Budget} is spent, next token in {WaitMs} ms")]
    private static partial void LogThrottled(ILogger logger, string method, PathString path, Budget budget, double waitMs);
}
