using System.Globalization;
using System.Text;

namespace PlateletTwins.MockAdt.Limits;

/// <summary>
/// Under the cloud and chaos profiles, a request over a rate limit gets ADT's gateway 429: its own body (the
/// status inside <c>error</c>, no code), <c>application/json</c> without charset, and <c>Retry-After</c> in whole seconds.
/// </summary>
public sealed partial class RateLimitMiddleware(RequestDelegate next, RateLimiter limiter, ILogger<RateLimitMiddleware> logger)
{
    public static readonly byte[] ThrottledBody = Encoding.UTF8.GetBytes(
        """{"error":{"statusCode":429,"message":"Maximum request rate limit reached. For Azure Digital Twins rate limiting details please see http://aka.ms/dtv2limits."}}""");

    public async Task InvokeAsync(HttpContext context)
    {
        var (category, twin) = RequestClassifier.Classify(context.Request);
        if (!limiter.TryAcquire(category, twin, out var retryAfter))
        {
            LogThrottled(logger, context.Request.Method, context.Request.Path, retryAfter.TotalMilliseconds);
            await WriteThrottledAsync(context, retryAfter);
            return;
        }
        await next(context);
    }

    public static async Task WriteThrottledAsync(HttpContext context, TimeSpan retryAfter)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.ContentType = "application/json";
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await context.Response.Body.WriteAsync(ThrottledBody, context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path} -> 429, next token in {WaitMs} ms")]
    private static partial void LogThrottled(ILogger logger, string method, PathString path, double waitMs);
}
