namespace PlateletTwins.MockAdt.Persistence;

/// <summary>
/// With persistence on, a write is answered only once it is committed, so that a 200 or 204 survives a kill -9, as
/// ADT's acknowledgement means the write is durable. Reads commit nothing and are not held up.
/// </summary>
internal sealed class DurableAcknowledgementMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var scope = DurableAcknowledgement.Begin();
        // Before the status line goes out, whether the handler writes a body (200) or not (204); a failed commit fails
        // the response instead of acknowledging it.
        context.Response.OnStarting(static state => ((DurableAcknowledgement.Scope)state).Commit, scope);
        await next(context);
    }
}
