using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace PlateletTwins.MockAdt.Auth;

/// <summary>
/// <c>GET /mockadt/msi/token</c>: a managed identity endpoint in the App Service / Container Apps convention, so that
/// unmodified code with Azure.Identity's <c>ManagedIdentityCredential</c> (or <c>DefaultAzureCredential</c>, which
/// picks it) gets a MockAdt token as it gets an Entra token in Azure, from the two variables Azure sets:
/// <c>IDENTITY_ENDPOINT</c> (this URL) and <c>IDENTITY_HEADER</c> (<see cref="AuthOptions.IdentityHeader"/>).
/// The protocol is the one Azure.Identity (through MSAL's AppServiceManagedIdentitySource) speaks:
/// <c>GET {IDENTITY_ENDPOINT}?api-version=2019-08-01&amp;resource=…[&amp;client_id=…]</c> with the header
/// <c>X-IDENTITY-HEADER</c>, answered with <c>{access_token, expires_on (Unix seconds as a string), resource,
/// token_type, client_id}</c> (Learn, "Managed identities for App Service", REST endpoint reference; Azure.Identity's
/// AppServiceV2019ManagedIdentitySource). A request without the right header gets 403 with an empty body, as the
/// Container Apps endpoint answers one (recorded in AzureAD/microsoft-authentication-library-for-dotnet#5245).
/// </summary>
internal static class ManagedIdentityHandlers
{
    public const string Path = "/mockadt/msi/token";

    /// <summary>The one api-version of the protocol; Azure.Identity and MSAL send it on every request.</summary>
    public const string ProtocolVersion = "2019-08-01";

    /// <summary>What a managed identity token lives in Azure: about a day (the service caches it, refreshing at half).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    // ADT's resource as a URL (what Azure.Identity makes of the scope https://digitaltwins.azure.net/.default) and as the
    // first-party app id the REST spec's security definition names.
    private static readonly string[] AdtResources = ["https://digitaltwins.azure.net", "0b07f429-9f4b-4714-9392-cc5e8e80c8b0"];

    // The identity's client id when the caller names none (a system-assigned identity): a fixed id, as an identity has one.
    private const string SystemAssignedClientId = "6d6f636b-6164-7400-0000-6d73692d6964";

    public static void MapManagedIdentityHandlers(this IEndpointRouteBuilder app) => app.MapGet(Path, Issue);

    private static IResult Issue(HttpRequest request, TokenIssuer issuer, IOptions<AuthOptions> options)
    {
        var secret = options.Value.IdentityHeader;
        if (string.IsNullOrEmpty(secret))
        {
            return Refusal(StatusCodes.Status404NotFound,
                "The managed identity endpoint is off: set MockAdt:Auth:IdentityHeader (what IDENTITY_HEADER holds).");
        }
        if (!HeaderMatches(request.Headers["X-IDENTITY-HEADER"].ToString(), secret))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        if (request.Query["api-version"].ToString() != ProtocolVersion)
        {
            return Refusal(StatusCodes.Status400BadRequest, $"The api-version must be {ProtocolVersion}.");
        }
        var resource = request.Query["resource"].ToString();
        if (!IsAdt(resource))
        {
            return Refusal(StatusCodes.Status400BadRequest,
                $"MockAdt issues tokens for Azure Digital Twins only (resource {AdtResources[0]}), not for '{resource}'.");
        }
        var clientId = request.Query["client_id"].ToString() is { Length: > 0 } named ? named : SystemAssignedClientId;
        var (token, expiresOn) = issuer.Issue(options.Value.IdentityRole, Lifetime);
        return TypedResults.Json(new IdentityTokenResponse(
            token,
            expiresOn.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            resource,
            "Bearer",
            clientId));
    }

    private static bool IsAdt(string resource) =>
        AdtResources.Any(r => string.Equals(resource.TrimEnd('/'), r, StringComparison.OrdinalIgnoreCase));

    private static bool HeaderMatches(string presented, string secret) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    // The endpoint's own errors, in the shape Azure's managed identity endpoints give theirs and MSAL reads ("message").
    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<IdentityError> Refusal(int status, string message) =>
        TypedResults.Json(new IdentityError(status, message, Guid.NewGuid().ToString()), statusCode: status);

    public sealed record IdentityTokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_on")] string ExpiresOn,
        [property: JsonPropertyName("resource")] string Resource,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("client_id")] string ClientId);

    public sealed record IdentityError(
        [property: JsonPropertyName("statusCode")] int StatusCode,
        [property: JsonPropertyName("message")] string Message,
        [property: JsonPropertyName("correlationId")] string CorrelationId);
}
