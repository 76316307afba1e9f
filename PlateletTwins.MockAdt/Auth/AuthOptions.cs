namespace PlateletTwins.MockAdt.Auth;

/// <summary>Bearer tokens MockAdt accepts: configured ones, each with its role, and those it issued (configuration section <c>MockAdt:Auth</c>).</summary>
public sealed class AuthOptions
{
    public List<ConfiguredToken> Tokens { get; set; } = [];

    /// <summary>The key MockAdt signs its own tokens with; random per process when empty.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>Whether <c>POST /mockadt/token</c> hands out tokens (an emulator's convenience, like Azurite's well-known key).</summary>
    public bool IssueTokens { get; set; } = true;

    /// <summary>
    /// The secret a caller of the managed identity endpoint (<c>GET /mockadt/msi/token</c>) must send as
    /// <c>X-IDENTITY-HEADER</c>: what Azure puts in <c>IDENTITY_HEADER</c>. Empty: the endpoint is off.
    /// </summary>
    public string IdentityHeader { get; set; } = "";

    /// <summary>The data role of the identity the endpoint issues tokens for, as a role assignment on the instance gives it.</summary>
    public AdtRole IdentityRole { get; set; } = AdtRole.DataOwner;
}

public sealed class ConfiguredToken
{
    public string Value { get; set; } = "";

    public AdtRole Role { get; set; } = AdtRole.DataOwner;
}
