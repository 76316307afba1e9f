using Microsoft.Extensions.Options;

namespace PlateletTwins.MockAdt.Auth;

/// <summary>
/// <c>POST /mockadt/token</c>: a developer's way to a token, in the shape of an OAuth token response. Not an ADT
/// operation, so it lives outside the data plane's routes and pipeline.
/// </summary>
public static class TokenHandlers
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    public static void MapTokenHandlers(this IEndpointRouteBuilder app) => app.MapPost("/mockadt/token", Issue);

    private static IResult Issue(TokenRequest? request, TokenIssuer issuer, IOptions<AuthOptions> options)
    {
        if (!options.Value.IssueTokens)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Token issuing is switched off (MockAdt:Auth:IssueTokens).");
        }
        var role = AdtRole.DataOwner;
        if (request?.Role is { } asked && !Enum.TryParse(asked, ignoreCase: true, out role))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = ["DataOwner or DataReader."] });
        }
        var lifetime = request?.LifetimeMinutes is > 0 and var minutes ? TimeSpan.FromMinutes(minutes) : DefaultLifetime;
        var (token, expiresOn) = issuer.Issue(role, lifetime);
        return TypedResults.Ok(new TokenResponse(token, "Bearer", (int)lifetime.TotalSeconds, expiresOn.ToUnixTimeSeconds(), role.ToString()));
    }

    public sealed record TokenRequest(string? Role, int? LifetimeMinutes);

    public sealed record TokenResponse(
        [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
        [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_on")] long ExpiresOn,
        [property: System.Text.Json.Serialization.JsonPropertyName("role")] string Role);
}
