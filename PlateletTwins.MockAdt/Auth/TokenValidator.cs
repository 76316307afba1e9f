using Microsoft.Extensions.Options;

namespace PlateletTwins.MockAdt.Auth;

/// <summary>Maps a presented bearer token to its role, or to none: configured tokens first, then MockAdt's own.</summary>
internal sealed class TokenValidator(IOptions<AuthOptions> options, TokenIssuer issuer)
{
    private readonly Dictionary<string, AdtRole> _roles = options.Value.Tokens
        .Where(t => !string.IsNullOrEmpty(t.Value))
        .ToDictionary(t => t.Value, t => t.Role, StringComparer.Ordinal);

    public ValueTask<AdtRole?> RoleOfAsync(string token) =>
        _roles.TryGetValue(token, out var role) ? ValueTask.FromResult<AdtRole?>(role) : issuer.RoleOfAsync(token);
}
