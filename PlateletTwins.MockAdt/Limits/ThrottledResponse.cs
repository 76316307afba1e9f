using System.Text;
using PlateletTwins.Http;

namespace PlateletTwins.MockAdt.Limits;

/// <summary>
/// ADT's gateway 429: its own body (the status inside <c>error</c>, no code), <c>application/json</c> without charset,
/// and <c>Retry-After</c> in whole seconds. Written for a spent budget and for the chaos profile's injected throttling.
/// </summary>
internal static class ThrottledResponse
{
    /// <summary>
    /// A header ADT does not send, naming the budget that was spent (which twin's, or which row of the instance's), since
    /// a relationship write spends the budgets of up to three twins.
    /// </summary>
    public const string BudgetHeader = "x-mockadt-budget";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """{"error":{"statusCode":429,"message":"Maximum request rate limit reached. For Azure Digital Twins rate limiting details please see http://aka.ms/dtv2limits."}}""");

    public static async Task WriteAsync(HttpContext context, TimeSpan retryAfter)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.ContentType = "application/json";
        context.Response.Headers.RetryAfter = RetryAfter.Format(retryAfter);
        await context.Response.Body.WriteAsync(Body, context.RequestAborted);
    }
}
