using System.Text.Json;
using PlateletTwins.MockAdt.Protocol;

namespace PlateletTwins.MockAdt.Errors;

/// <summary>Writes every <see cref="AdtException"/> as ADT's envelope with its <c>x-ms-error-code</c> header.</summary>
public sealed partial class AdtErrorMiddleware(RequestDelegate next, ILogger<AdtErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (AdtException error) when (!context.Response.HasStarted)
        {
            LogAdtError(logger, context.Request.Method, context.Request.Path, error.Status, error.Code, error.Message);
            context.Response.Clear();
            context.Response.StatusCode = error.Status;
            context.Response.Headers["x-ms-error-code"] = error.Code;
            await AdtJson.WriteAsync(context.Response, ToEnvelope(error));
        }
        catch (JsonException error) when (!context.Response.HasStarted)
        {
            // A body that is not JSON at all: ADT answers such requests with InvalidArgument.
            LogAdtError(logger, context.Request.Method, context.Request.Path, 400, "InvalidArgument", error.Message);
            context.Response.Clear();
            context.Response.StatusCode = 400;
            context.Response.Headers["x-ms-error-code"] = "InvalidArgument";
            await AdtJson.WriteAsync(context.Response, ToEnvelope(AdtErrors.InvalidArgument("The request body is not valid JSON.")));
        }
    }

    private static object ToEnvelope(AdtException error) => new
    {
        error = new
        {
            code = error.Code,
            message = error.Message,
            details = error.Details?.Select(d => new { code = d.Code, message = d.Message }),
        },
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} -> {Status} {Code}: {Message}")]
    private static partial void LogAdtError(ILogger logger, string method, PathString path, int status, string code, string message);
}
