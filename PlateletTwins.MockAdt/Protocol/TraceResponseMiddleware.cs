using System.Diagnostics;

namespace PlateletTwins.MockAdt.Protocol;

/// <summary>
/// ADT answers a request that carried <c>traceparent</c> with a <c>traceresponse</c> header: the same trace id
/// and the id of the service's own span.
/// </summary>
public sealed class TraceResponseMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Headers.ContainsKey("traceparent") && Activity.Current is { } activity)
        {
            context.Response.Headers["traceresponse"] = $"00-{activity.TraceId}-{activity.SpanId}-01";
        }
        return next(context);
    }
}
