using System.Text;

namespace PlateletTwins.MockAdt.Auth;

/// <summary>
/// ADT's gateway: no valid bearer token is a 401 with the gateway's own body (not the error envelope);
/// a token whose role may not write gets a 403 with an empty body on any write.
/// </summary>
public sealed partial class BearerAuthMiddleware(RequestDelegate next, TokenValidator validator, ILogger<BearerAuthMiddleware> logger)
{
    private static readonly byte[] UnauthorizedBody = Encoding.UTF8.GetBytes("""{"statusCode":401,"message":"Unauthorized"}""");

    public async Task InvokeAsync(HttpContext context)
    {
        var role = Authenticate(context.Request);
        if (role is null)
        {
            LogUnauthorized(logger, context.Request.Method, context.Request.Path);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(UnauthorizedBody, context.RequestAborted);
            return;
        }
        if (role == AdtRole.DataReader && IsWrite(context.Request))
        {
            LogForbidden(logger, context.Request.Method, context.Request.Path);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentLength = 0;
            return;
        }
        await next(context);
    }

    private AdtRole? Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return validator.RoleOf(header[scheme.Length..].Trim());
    }

    // A query is a POST but only reads; every other non-GET changes state.
    private static bool IsWrite(HttpRequest request) =>
        !HttpMethods.IsGet(request.Method)
        && !HttpMethods.IsHead(request.Method)
        && !(HttpMethods.IsPost(request.Method) && request.Path.Equals("/query", StringComparison.OrdinalIgnoreCase));

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} -> 401: no valid bearer token")]
    private static partial void LogUnauthorized(ILogger logger, string method, PathString path);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} -> 403: a Data Reader may not write")]
    private static partial void LogForbidden(ILogger logger, string method, PathString path);
}
