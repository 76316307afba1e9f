using Azure.Core;

namespace PlateletTwins.IngestionService.Cli;

/// <summary>
/// The token an operator hands the provision command with <c>--token</c> (one MockAdt issued, or one from
/// <c>az account get-access-token</c>); the service itself never takes one: its credential is Azure.Identity's.
/// </summary>
internal sealed class StaticTokenCredential(string token) : TokenCredential
{
    // Whoever gave it knows how long it lives; a far expiry keeps the policy from asking again.
    private readonly AccessToken _token = new(token, DateTimeOffset.MaxValue);

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => _token;

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(_token);
}
