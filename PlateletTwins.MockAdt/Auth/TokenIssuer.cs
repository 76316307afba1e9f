using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PlateletTwins.MockAdt.Auth;

/// <summary>
/// Issues and checks MockAdt's own bearer tokens with <see cref="JsonWebTokenHandler"/>: JWTs signed with HMAC-SHA256,
/// issuer <c>mockadt</c>, audience <c>https://digitaltwins.azure.net</c>, the role in <c>roles</c>, an expiry and
/// nothing else. The key is <c>MockAdt:Auth:SigningKey</c>, or random per process (tokens then end with it). Both the
/// expiry and its check read the injected clock.
/// </summary>
internal sealed class TokenIssuer
{
    public const string Audience = "https://digitaltwins.azure.net";

    public const string Issuer = "mockadt";

    private const string RolesClaim = "roles";

    // The handler would stamp iat and nbf from the system clock; MockAdt's tokens carry what they always have.
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials _credentials;
    private readonly TokenValidationParameters _validation;
    private readonly TimeProvider _time;

    public TokenIssuer(IOptions<AuthOptions> options, TimeProvider time)
    {
        _time = time;
        var key = new SymmetricSecurityKey(KeyBytes(options.Value.SigningKey));
        _credentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
        _validation = new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            RequireExpirationTime = true,
            // Expired at its exp, to the second, by MockAdt's clock.
            LifetimeValidator = (_, expires, _, _) => expires is { } at && at > time.GetUtcNow().UtcDateTime,
            RoleClaimType = RolesClaim,
        };
    }

    public (string Token, DateTimeOffset ExpiresOn) Issue(AdtRole role, TimeSpan lifetime)
    {
        var expiresOn = _time.GetUtcNow() + lifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Expires = expiresOn.UtcDateTime,
            Claims = new Dictionary<string, object> { [RolesClaim] = new[] { role.ToString() } },
            SigningCredentials = _credentials,
        });
        return (token, expiresOn);
    }

    /// <summary>The role of a token this issuer signed and that has not expired; null otherwise.</summary>
    public async ValueTask<AdtRole?> RoleOfAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, _validation);
        return result.IsValid && result.ClaimsIdentity.FindFirst(RolesClaim)?.Value is { } name && Enum.TryParse<AdtRole>(name, out var role) && Enum.IsDefined(role)
            ? role
            : null;
    }

    // HS256 wants a key of 256 bits at least (IdentityModel refuses a shorter one); a shorter configured key is stretched
    // with SHA-256, so that any key still works.
    private static byte[] KeyBytes(string configured)
    {
        if (string.IsNullOrEmpty(configured))
        {
            return RandomNumberGenerator.GetBytes(32);
        }
        var bytes = Encoding.UTF8.GetBytes(configured);
        return bytes.Length >= 32 ? bytes : SHA256.HashData(bytes);
    }
}
