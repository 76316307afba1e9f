using Microsoft.Extensions.Options;

namespace PlateletTwins.IngestionService.Intake;

/// <summary>413 ProblemDetails for a body over the intake's limit, before it is read.</summary>
internal sealed class BodySizeFilter(IOptions<IntakeOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var length = context.HttpContext.Request.ContentLength;
        if (length > options.Value.MaxBodyBytes)
        {
            UnreadBody.CloseConnectionIfLarge(context.HttpContext, options.Value.MaxBodyBytes);
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "The batch is too large", detail: $"{length} bytes; the intake takes at most {options.Value.MaxBodyBytes}. Send smaller batches.");
        }
        return await next(context);
    }
}
