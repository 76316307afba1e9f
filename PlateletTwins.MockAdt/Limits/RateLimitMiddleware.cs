using System.Globalization;
using System.Text;

namespace PlateletTwins.MockAdt.Limits;

/// <summary>
/// Under the cloud and chaos profiles, a request over a rate limit gets ADT's gateway 429: its own body (the
/// status inside <c>error</c>, no code), <c>application/json</c> without charset, and <c>Retry-After</c> in whole seconds.
/// MockAdt adds one header ADT does not send, <c>x-mockadt-budget</c>, naming the budget that was spent (which twin's,
/// or which row of the instance's), since a relationship write spends the budgets of up to three twins.
/// </summary>
public sealed partial class RateLimitMiddleware(RequestDelegate next, RateLimiter limiter, RelationshipBudgets relationshipBudgets, ILogger<RateLimitMiddleware> logger)
{
    public const string BudgetHeader = "x-mockadt-budget";

    public static readonly byte[] ThrottledBody = Encoding.UTF8.GetBytes(
        """{"error":{"statusCode":429,"message":"Maximum request rate limit reached. For Azure Digital Twins rate limiting details please see http://aka.ms/dtv2limits."}}""");

    public async Task InvokeAsync(HttpContext context)
    {
        var request = RequestClassifier.Classify(context.Request);
        var twins = await relationshipBudgets.TwinsAsync(context.Request, request);
        if (!limiter.TryAcquire(request.Category, twins, out var retryAfter, out var budget))
        {
            LogThrottled(logger, context.Request.Method, context.Request.Path, budget, retryAfter.TotalMilliseconds);
            context.Response.Headers[BudgetHeader] = budget.ToString();
            await WriteThrottledAsync(context, retryAfter);
            return;
        }
        await next(context);
    }

    public static async Task WriteThrottledAsync(HttpContext context, TimeSpan retryAfter)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.ContentType = "application/json";
        context.Response.Headers.RetryAfter = RetryAfter.Format(retryAfter);
        await context.Response.Body.WriteAsync(ThrottledBody, context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path} -> 429, the budget of {Budget} is spent, next token in {WaitMs} ms")]
    private static partial void LogThrottled(ILogger logger, string method, PathString path, Budget budget, double waitMs);
}
