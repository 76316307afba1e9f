using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PlateletTwins.MockAdt.Auth;

/// <summary>
/// Issues and checks MockAdt's own bearer tokens: JWTs signed with HMAC-SHA256, audience
/// <c>https://digitaltwins.azure.net</c>, the role in <c>roles</c>. The key is <c>MockAdt:Auth:SigningKey</c>, or
/// random per process (tokens then end with it).
/// </summary>
public sealed class TokenIssuer(IOptions<AuthOptions> options, TimeProvider time)
{
    public const string Audience = "https://digitaltwins.azure.net";

    private readonly byte[] _key = string.IsNullOrEmpty(options.Value.SigningKey)
        ? RandomNumberGenerator.GetBytes(32)
        : Encoding.UTF8.GetBytes(options.Value.SigningKey);

    public (string Token, DateTimeOffset ExpiresOn) Issue(AdtRole role, TimeSpan lifetime)
    {
        var expiresOn = time.GetUtcNow() + lifetime;
        var header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8);
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["aud"] = Audience,
            ["iss"] = "mockadt",
            ["roles"] = new[] { role.ToString() },
            ["exp"] = expiresOn.ToUnixTimeSeconds(),
        }));
        return ($"{header}.{payload}.{Sign(header, payload)}", expiresOn);
    }

    /// <summary>The role of a token this issuer signed and that has not expired; null otherwise.</summary>
    public AdtRole? RoleOf(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(parts[0], parts[1])), Encoding.ASCII.GetBytes(parts[2])))
        {
            return null;
        }
        try
        {
            using var payload = JsonDocument.Parse(Convert.FromBase64String(FromBase64Url(parts[1])));
            var root = payload.RootElement;
            if (root.GetProperty("exp").GetInt64() <= time.GetUtcNow().ToUnixTimeSeconds() || root.GetProperty("aud").GetString() != Audience)
            {
                return null;
            }
            return Enum.TryParse<AdtRole>(root.GetProperty("roles")[0].GetString(), out var role) ? role : null;
        }
        catch (Exception error) when (error is FormatException or JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private string Sign(string header, string payload) =>
        Base64Url(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes($"{header}.{payload}")));

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return padded + new string('=', (4 - padded.Length % 4) % 4);
    }
}
