using Microsoft.Extensions.Options;
using PlateletTwins.MockAdt.Protocol;

namespace PlateletTwins.MockAdt.Limits;

/// <summary>
/// The chaos profile: before a request reaches the service, it may be delayed, throttled (ADT's 429), refused with a
/// 503, or have its connection dropped, each at its configured rate, drawn from a seeded generator.
/// </summary>
internal sealed partial class ChaosMiddleware(RequestDelegate next, IOptions<LimitsOptions> options, TimeProvider time, ILogger<ChaosMiddleware> logger)
{
    private readonly ChaosOptions _chaos = options.Value.Chaos;
    private readonly Random _random = new(options.Value.Chaos.Seed);
    private readonly Lock _lock = new();

    public async Task InvokeAsync(HttpContext context)
    {
        double draw, latencyDraw, latencyFraction;
        lock (_lock)
        {
            draw = _random.NextDouble();
            latencyDraw = _random.NextDouble();
            latencyFraction = _random.NextDouble();
        }
        if (latencyDraw < _chaos.LatencyRate)
        {
            await Task.Delay(_chaos.MaxLatency * latencyFraction, time, context.RequestAborted);
        }
        if (draw < _chaos.DropConnectionRate)
        {
            LogFault(logger, "dropped connection", context.Request.Method, context.Request.Path);
            context.Abort();
            return;
        }
        draw -= _chaos.DropConnectionRate;
        if (draw < _chaos.ThrottleRate)
        {
            LogFault(logger, "429", context.Request.Method, context.Request.Path);
            await ThrottledResponse.WriteAsync(context, TimeSpan.FromSeconds(1));
            return;
        }
        draw -= _chaos.ThrottleRate;
        if (draw < _chaos.ServiceUnavailableRate)
        {
            LogFault(logger, "503", context.Request.Method, context.Request.Path);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers["x-ms-error-code"] = "ServiceUnavailable";
            await AdtJson.WriteAsync(context.Response, new { error = new { code = "ServiceUnavailable", message = "The service is temporarily unavailable. Please retry." } });
            return;
        }
        await next(context);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Chaos: {Fault} for {Method} {Path}")]
    private static partial void LogFault(ILogger logger, string fault, string method, PathString path);
}
