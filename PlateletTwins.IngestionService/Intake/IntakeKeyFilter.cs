using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PlateletTwins.IngestionService.Intake;

/// <summary>Refuses, with a 401 ProblemDetails, any intake request without the shared key.</summary>
internal sealed partial class IntakeKeyFilter(IOptions<IntakeOptions> options, ILogger<IntakeKeyFilter> logger) : IEndpointFilter
{
    public const string HeaderName = "X-Intake-Key";

    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.Value.Key);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var presented = Encoding.UTF8.GetBytes(context.HttpContext.Request.Headers[HeaderName].ToString());
        if (_key.Length == 0 || !CryptographicOperations.FixedTimeEquals(presented, _key))
        {
            LogRefused(logger, context.HttpContext.Request.Path);
            UnreadBody.CloseConnectionIfLarge(context.HttpContext, options.Value.MaxBodyBytes);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Missing or wrong intake key",
                detail: $"Send the intake key in the {HeaderName} header.");
        }
        return await next(context);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Path}: missing or wrong intake key")]
    private static partial void LogRefused(ILogger logger, PathString path);
}
