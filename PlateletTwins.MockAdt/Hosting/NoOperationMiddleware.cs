using Microsoft.AspNetCore.Authorization;

namespace PlateletTwins.MockAdt.Hosting;

/// <summary>
/// A data-plane request that matched no operation still meets ADT's gateway first: without a valid token it is a 401,
/// whatever its path. It is given an endpoint that asks for a data role (any) and then answers as the router would have:
/// 404 for no route, the router's 405 (with <c>Allow</c>) for no route with its method; the envelope comes after.
/// It counts against no rate limit: it is no operation of the table's.
/// </summary>
internal sealed class NoOperationMiddleware(RequestDelegate next)
{
    private static readonly EndpointMetadataCollection Metadata = new(new AuthorizeAttribute(Auth.AdtPolicies.DataReader));

    private static readonly Endpoint NotFound = new(
        context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        },
        Metadata,
        "ADT gateway: no such operation");

    public Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is not RouteEndpoint)
        {
            context.SetEndpoint(endpoint?.RequestDelegate is { } answer ? new Endpoint(answer, Metadata, endpoint.DisplayName) : NotFound);
        }
        return next(context);
    }
}
