using System.Runtime.CompilerServices;
using Azure.Core;
using Azure.Core.Pipeline;

namespace PlateletTwins.IngestionService.Adt;

/// <summary>
/// Adds <c>Authorization: Bearer</c> from a <see cref="TokenCredential"/>, caching the token until shortly before
/// it expires. Azure.Core's own BearerTokenAuthenticationPolicy refuses any http endpoint, which rules out the
/// local emulator; this one allows http only to a loopback host, so a token never crosses a network in clear.
/// </summary>
internal sealed class BearerTokenPolicy(TokenCredential credential, string scope) : HttpPipelinePolicy
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly TokenRequestContext _context = new([scope]);
    // Two writers refreshing at once both ask the credential; that is harmless and cheaper than a lock on every call.
    // Held by reference so that a reader never sees half of a token being replaced.
    private volatile StrongBox<AccessToken>? _token;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var uri = message.Request.Uri;
        if (uri.Scheme != Uri.UriSchemeHttps && !IsLoopback(uri.Host ?? ""))
        {
            throw new InvalidOperationException($"Bearer tokens are sent only over https, or over http to a loopback host; {uri.Host} is neither.");
        }
        var token = await GetTokenAsync(message.CancellationToken).ConfigureAwait(false);
        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, "Bearer " + token);
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
    }

    private async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var token = _token;
        if (token is null || !IsFresh(token.Value))
        {
            token = new StrongBox<AccessToken>(await credential.GetTokenAsync(_context, cancellationToken).ConfigureAwait(false));
            _token = token;
        }
        return token.Value.Token;
    }

    private static bool IsFresh(AccessToken token) =>
        token.Token is not null && token.ExpiresOn - RefreshMargin > DateTimeOffset.UtcNow;

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address));
}
