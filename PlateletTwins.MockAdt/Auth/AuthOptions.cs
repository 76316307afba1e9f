using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PlateletTwins.MockAdt.Auth;

/// <summary>
/// Bearer tokens MockAdt accepts: configured ones, each with its role, and those it issued (configuration section
/// <c>MockAdt:Auth</c>, checked when MockAdt starts: <see cref="AuthOptionsValidator"/>).
/// </summary>
internal sealed class AuthOptions
{
    /// <summary>Tokens of an empty value are left out; two of one value would leave its role undecided.</summary>
    [ValidateEnumeratedItems]
    [DistinctTokens]
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
    [EnumDataType(typeof(AdtRole), ErrorMessage = "{0} must be DataReader or DataOwner.")]
    public AdtRole IdentityRole { get; set; } = AdtRole.DataOwner;
}

internal sealed class ConfiguredToken
{
    public string Value { get; set; } = "";

    [EnumDataType(typeof(AdtRole), ErrorMessage = "{0} must be DataReader or DataOwner.")]
    public AdtRole Role { get; set; } = AdtRole.DataOwner;
}

/// <summary>
/// <see cref="AuthOptions"/>' annotations, checked when MockAdt starts: the binder takes a role as a number too, and one
/// that names no role would be neither; two tokens of one value would fail every request from the first.
/// </summary>
[OptionsValidator]
internal sealed partial class AuthOptionsValidator : IValidateOptions<AuthOptions>;
