using System.Diagnostics;

namespace PlateletTwins.MockAdt.Protocol;

/// <summary>
/// ADT answers a request that carried <c>traceparent</c> with a <c>traceresponse</c> header: the same trace id and
/// the id of the service's own span (a fresh one when nothing in this process records spans).
/// </summary>
internal sealed class TraceResponseMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var traceParent = context.Request.Headers["traceparent"].ToString();
        if (ActivityContext.TryParse(traceParent, null, out var caller))
        {
            var activity = Activity.Current;
            var spanId = activity is not null && activity.TraceId == caller.TraceId ? activity.SpanId : ActivitySpanId.CreateRandom();
            context.Response.Headers["traceresponse"] = $"00-{caller.TraceId}-{spanId}-01";
        }
        return next(context);
    }
}
