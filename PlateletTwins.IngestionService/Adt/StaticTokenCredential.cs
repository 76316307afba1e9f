using Azure.Core;

namespace PlateletTwins.IngestionService.Adt;

/// <summary>A fixed bearer token, as MockAdt issues for local development; never used against Azure.</summary>
public sealed class StaticTokenCredential(string token) : TokenCredential
{
    // The emulator's tokens do not expire; a far expiry keeps the policy from asking again.
    private readonly AccessToken _token = new(token, DateTimeOffset.MaxValue);

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => _token;

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(_token);
}
