namespace PlateletTwins.IngestionService.Adt;

/// <summary>
/// Sends every request as HTTP/2 without TLS. Azure.Core builds its own request messages (HTTP/1.1 by default),
/// so the version is set here rather than on the HttpClient.
/// </summary>
internal sealed class Http2PriorKnowledgeHandler() : DelegatingHandler(new SocketsHttpHandler { EnableMultipleHttp2Connections = true })
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Version = System.Net.HttpVersion.Version20;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        return base.SendAsync(request, cancellationToken);
    }
}
