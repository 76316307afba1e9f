using PlateletTwins.MockAdt.Errors;

namespace PlateletTwins.MockAdt.Protocol;

/// <summary>Every ADT operation requires the <c>api-version</c> query parameter.</summary>
public sealed class ApiVersionMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var version = context.Request.Query["api-version"].ToString();
        if (string.IsNullOrEmpty(version))
        {
            throw AdtErrors.MissingApiVersion();
        }
        if (!ApiVersions.Supported.Contains(version))
        {
            throw AdtErrors.UnsupportedApiVersion(version);
        }
        return next(context);
    }
}
