using PlateletTwins.MockAdt.Errors;
using PlateletTwins.MockAdt.Hosting;

namespace PlateletTwins.MockAdt.Protocol;

/// <summary>
/// Every ADT operation requires the <c>api-version</c> query parameter, and exists only in the versions whose spec has
/// it (<see cref="ApiVersions"/>): jobs on 2020-10-31 are refused as a version that lacks the operation. The operation's
/// surface is its endpoint's (<see cref="AdtOperation"/>); a request that matched none (the gateway's 404 or 405) needs
/// only a published version before it gets that answer.
/// </summary>
internal sealed class ApiVersionMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var version = context.Request.Query["api-version"].ToString();
        if (string.IsNullOrEmpty(version))
        {
            throw AdtErrors.MissingApiVersion();
        }
        var known = ApiVersions.Find(version) ?? throw AdtErrors.UnsupportedApiVersion(version);
        var surface = context.GetEndpoint()?.Metadata.GetMetadata<AdtOperation>()?.Surface ?? ApiSurface.Core;
        if (!known.Has(surface))
        {
            throw AdtErrors.OperationNotInApiVersion(context.Request, version, ApiVersions.Having(surface));
        }
        return next(context);
    }
}
