using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace PlateletTwins.MockAdt.Auth;

/// <summary>
/// ADT's gateway as an authentication scheme: a bearer token MockAdt knows (<see cref="TokenValidator"/>) gives the
/// caller its data role as a role claim, which the role policies (<see cref="AdtPolicies"/>) check. Its challenge and
/// forbid answer as the gateway does, not as ASP.NET Core would: no valid token is a 401 with the gateway's own body (not
/// the error envelope, no <c>WWW-Authenticate</c>); a role that may not do what the operation does is a 403 with an
/// empty body.
/// </summary>
internal sealed partial class AdtBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggers, UrlEncoder encoder, TokenValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    public const string SchemeName = "Bearer";

    private const string Prefix = "Bearer ";

    private static readonly byte[] UnauthorizedBody = Encoding.UTF8.GetBytes("""{"statusCode":401,"message":"Unauthorized"}""");

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        if (await validator.RoleOfAsync(header[Prefix.Length..].Trim()) is not { } role)
        {
            return AuthenticateResult.Fail("The bearer token is not one MockAdt knows, or it has expired.");
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Role, role.ToString())], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        LogUnauthorized(Logger, Request.Method, Request.Path);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.ContentType = "application/json";
        await Response.Body.WriteAsync(UnauthorizedBody, Context.RequestAborted);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        LogForbidden(Logger, Request.Method, Request.Path);
        Response.StatusCode = StatusCodes.Status403Forbidden;
        Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} -> 401: no valid bearer token")]
    private static partial void LogUnauthorized(ILogger logger, string method, PathString path);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} -> 403: the token's role may not do this")]
    private static partial void LogForbidden(ILogger logger, string method, PathString path);
}
