namespace PlateletTwins.MockAdt.Auth;

/// <summary>Bearer tokens MockAdt accepts, each with its role (configuration section <c>MockAdt:Auth</c>).</summary>
public sealed class AuthOptions
{
    public List<ConfiguredToken> Tokens { get; set; } = [];
}

public sealed class ConfiguredToken
{
    public string Value { get; set; } = "";

    public AdtRole Role { get; set; } = AdtRole.DataOwner;
}
