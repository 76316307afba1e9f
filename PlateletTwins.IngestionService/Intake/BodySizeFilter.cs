using Microsoft.Extensions.Options;

namespace PlateletTwins.IngestionService.Intake;

/// <summary>
/// The intake's one answer to a body over <see cref="IntakeOptions.MaxBodyBytes"/>, a 413 ProblemDetails: before the
/// body is read when its Content-Length says so, else when the server stops reading it at the same limit (Kestrel's
/// MaxRequestBodySize, set from these options).
/// </summary>
internal sealed class BodySizeFilter(IOptions<IntakeOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var length = context.HttpContext.Request.ContentLength;
        if (length > options.Value.MaxBodyBytes)
        {
            return TooLarge(context.HttpContext, $"{length} bytes");
        }
        try
        {
            return await next(context);
        }
        catch (BadHttpRequestException error) when (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // A chunked body (or one without a length) that went past the limit while it was read.
            return TooLarge(context.HttpContext, "More bytes than that");
        }
    }

    private Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooLarge(HttpContext context, string size)
    {
        UnreadBody.CloseConnectionIfLarge(context, options.Value.MaxBodyBytes);
        return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "The batch is too large", detail: $"{size}; the intake takes at most {options.Value.MaxBodyBytes}. Send smaller batches.");
    }
}
