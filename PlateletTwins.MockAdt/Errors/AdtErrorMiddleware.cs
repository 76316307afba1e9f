using System.Diagnostics;
using PlateletTwins.MockAdt.Protocol;

namespace PlateletTwins.MockAdt.Errors;

/// <summary>
/// Writes every <see cref="AdtException"/> as ADT's envelope with its <c>x-ms-error-code</c> header. Anything else
/// that escapes a handler is a bug: it is logged with its stack trace and answered with a 500 envelope as a last
/// resort (never the exception's text); the fuzz tests hold that no input gets here.
/// </summary>
internal sealed partial class AdtErrorMiddleware(RequestDelegate next, ILogger<AdtErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception error) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away mid-request; nobody is left to answer.
            LogAborted(logger, error, context.Request.Method, context.Request.Path);
        }
        catch (AdtException error) when (!context.Response.HasStarted)
        {
            LogAdtError(logger, context.Request.Method, context.Request.Path, error.Status, error.Code, error.Message);
            await WriteAsync(context, error);
        }
        catch (BadHttpRequestException error) when (!context.Response.HasStarted)
        {
            // Kestrel's own refusals while reading the request (framing, size): the client's fault, not a 500.
            var refusal = AdtErrors.UnreadableRequest(error.StatusCode);
            LogAdtError(logger, context.Request.Method, context.Request.Path, refusal.Status, refusal.Code, error.Message);
            await WriteAsync(context, refusal);
        }
        catch (Exception error) when (!context.Response.HasStarted)
        {
            var traceId = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
            LogUnexpected(logger, error, context.Request.Method, context.Request.Path, traceId);
            await WriteAsync(context, AdtErrors.InternalError(traceId));
        }
    }

    /// <summary>Writes <paramref name="error"/> as the response: status, <c>x-ms-error-code</c> and the envelope.</summary>
    public static async Task WriteAsync(HttpContext context, AdtException error)
    {
        context.Response.Clear();
        context.Response.StatusCode = error.Status;
        context.Response.Headers["x-ms-error-code"] = error.Code;
        await AdtJson.WriteAsync(context.Response, ToEnvelope(error));
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

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} -> 500: unexpected exception (trace {TraceId})")]
    private static partial void LogUnexpected(ILogger logger, Exception error, string method, PathString path, string traceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path}: the client aborted the request")]
    private static partial void LogAborted(ILogger logger, Exception error, string method, PathString path);
}
