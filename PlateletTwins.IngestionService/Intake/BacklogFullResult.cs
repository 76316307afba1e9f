using PlateletTwins.Http;

namespace PlateletTwins.IngestionService.Intake;

/// <summary>429 with <c>Retry-After</c> and a ProblemDetails body: the backlog is full, offer the batch again later.</summary>
internal sealed class BacklogFullResult(TimeSpan retryAfter) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = RetryAfter.Format(retryAfter);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "The intake's backlog is full",
            detail: "Nothing of this batch was taken; offer it again after Retry-After.").ExecuteAsync(httpContext);
    }
}
