using PlateletTwins.MockAdt.Hosting;

namespace PlateletTwins.MockAdt.Limits;

/// <summary>
/// Under the rate-limited profiles, sets <see cref="WrittenTwins"/> on a request whose endpoint writes a twin, before
/// the rate limiter asks for it: finding a relationship's other end may read the body, which a rate-limiting policy
/// (synchronous) cannot. The twin and the relationship are the path's <c>{id}</c> and <c>{relationshipId}</c>, as the
/// REST spec names them on every such operation.
/// </summary>
internal sealed class WrittenTwinsMiddleware(RequestDelegate next, RelationshipBudgets relationships)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<AdtOperation>() is { WritesTwin: true }
            && context.Request.RouteValues["id"] is string twin)
        {
            context.Features.Set(await relationships.TwinsAsync(context.Request, twin, context.Request.RouteValues["relationshipId"] as string));
        }
        await next(context);
    }
}
