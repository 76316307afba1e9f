using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing.Patterns;

namespace PlateletTwins.MockAdt.Protocol;

/// <summary>
/// Gives each id in the path (<c>{id}</c>, <c>{relationshipId}</c>, …) its fully decoded value, as ADT reads it: the
/// SDKs percent-encode ids as path segments (<c>encodeURIComponent</c>, <c>Uri.EscapeDataString</c>), so the twin
/// <c>a/b</c> arrives as <c>a%2Fb</c>. Kestrel decodes every escape in the path but <c>%2F</c>, which would leave the
/// id <c>a%2Fb</c>, one twin with the one whose id really is <c>a%2Fb</c> (sent as <c>a%252Fb</c>). Each route
/// parameter is therefore taken again from its segment of the raw request target and decoded once.
/// </summary>
internal sealed class PathIdMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint() is RouteEndpoint endpoint && RawPathSegments(context) is { } raw)
        {
            var segments = endpoint.RoutePattern.PathSegments;
            for (var i = 0; i < segments.Count && i < raw.Length; i++)
            {
                if (segments[i].Parts is [RoutePatternParameterPart parameter] && context.Request.RouteValues.ContainsKey(parameter.Name))
                {
                    context.Request.RouteValues[parameter.Name] = Uri.UnescapeDataString(raw[i]);
                }
            }
        }
        return next(context);
    }

    // The path as the client sent it, without the query and without the app's path base, split into segments; null when the
    // server gives no raw target or it does not line up with the decoded path (then the decoded route values stand).
    private static string[]? RawPathSegments(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || target[0] != '/')
        {
            return null;
        }
        var path = target.Split('?', 2)[0];
        var pathBase = context.Request.PathBase.ToUriComponent();
        if (pathBase.Length > 0)
        {
            if (!path.StartsWith(pathBase, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
            path = path[pathBase.Length..];
        }
        var raw = path.TrimStart('/').Split('/');
        var decoded = context.Request.Path.Value?.TrimStart('/').Split('/') ?? [];
        return raw.Length == decoded.Length ? raw : null;
    }
}
