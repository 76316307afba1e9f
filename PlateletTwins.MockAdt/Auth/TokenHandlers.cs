using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PlateletTwins.Dtdl.Json;
using PlateletTwins.MockAdt.Errors;
using PlateletTwins.MockAdt.Limits;
using PlateletTwins.MockAdt.Protocol;

namespace PlateletTwins.MockAdt.Auth;

/// <summary>
/// <c>POST /mockadt/token</c>: a developer's way to a token, in the shape of an OAuth token response. Not an ADT
/// operation, so it lives outside the data plane's routes and pipeline; its errors are ADT's envelope all the same.
/// </summary>
internal static class TokenHandlers
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    /// <summary>The longest lifetime a token may ask for: a year.</summary>
    public const int MaxLifetimeMinutes = 365 * 24 * 60;

    public static void MapTokenHandlers(this IEndpointRouteBuilder app) => app.MapPost("/mockadt/token", IssueAsync);

    // Body (optional): {"role": "DataOwner" | "DataReader", "lifetimeMinutes": 1..525600}.
    private static async Task<IResult> IssueAsync(HttpRequest request, TokenIssuer issuer, IOptions<AuthOptions> options)
    {
        if (!options.Value.IssueTokens)
        {
            throw AdtErrors.TokenIssuingOff();
        }
        var body = await AdtJson.ReadBodyAsync(request, FunctionalLimits.MaxPayloadBytes);
        if (body is not (null or JsonObject))
        {
            throw AdtErrors.InvalidTokenRequest();
        }
        var role = ReadRole(body.Member("role"));
        var lifetime = ReadLifetime(body.Member("lifetimeMinutes"));
        var (token, expiresOn) = issuer.Issue(role, lifetime);
        return TypedResults.Ok(new TokenResponse(token, "Bearer", (int)lifetime.TotalSeconds, expiresOn.ToUnixTimeSeconds(), role.ToString()));
    }

    // By name only: Enum.TryParse would also take "5", a role that does not exist.
    private static AdtRole ReadRole(JsonNode? node)
    {
        if (node is null)
        {
            return AdtRole.DataOwner;
        }
        var name = node.StringOrNull();
        foreach (var role in Enum.GetValues<AdtRole>())
        {
            if (string.Equals(role.ToString(), name, StringComparison.OrdinalIgnoreCase))
            {
                return role;
            }
        }
        throw AdtErrors.InvalidField("role", "DataOwner or DataReader");
    }

    private static TimeSpan ReadLifetime(JsonNode? node)
    {
        if (node is null)
        {
            return DefaultLifetime;
        }
        return node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var minutes) && minutes is >= 1 and <= MaxLifetimeMinutes
            ? TimeSpan.FromMinutes(minutes)
            : throw AdtErrors.InvalidField("lifetimeMinutes", FormattableString.Invariant($"an integer from 1 to {MaxLifetimeMinutes}"));
    }

    public sealed record TokenResponse(
        [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
        [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_on")] long ExpiresOn,
        [property: System.Text.Json.Serialization.JsonPropertyName("role")] string Role);
}
