using Microsoft.Extensions.Options;

namespace PlateletTwins.MockAdt.EventRoutes;

/// <summary>The endpoints of <c>MockAdt:Endpoints</c> (checked at start: <see cref="EndpointsOptions"/>), built once.</summary>
internal sealed class EndpointRegistry : IAsyncDisposable
{
    public const string DefaultStream = "stream";

    private readonly Dictionary<string, IEventEndpoint> _endpoints = new(StringComparer.Ordinal);

    public EndpointRegistry(IOptions<EndpointsOptions> options, IHttpClientFactory http, ILoggerFactory loggers)
    {
        var endpoints = options.Value.Endpoints;
        var configured = endpoints.Count > 0 ? endpoints : [new EndpointOptions { Name = DefaultStream, Kind = EndpointKind.Stream }];
        foreach (var endpoint in configured)
        {
            var logger = loggers.CreateLogger($"PlateletTwins.MockAdt.Endpoints.{endpoint.Name}");
            _endpoints[endpoint.Name] = endpoint.Kind switch
            {
                // A webhook without its Url was refused at start (UrlOfWebhookAttribute).
                EndpointKind.Webhook => new WebhookEndpoint(endpoint.Name, endpoint.Url!, http.CreateClient(nameof(WebhookEndpoint)), logger),
                _ => new StreamEndpoint(endpoint.Name, logger),
            };
        }
    }

    public IEventEndpoint? Get(string name) => _endpoints.GetValueOrDefault(name);

    public async ValueTask DisposeAsync()
    {
        foreach (var endpoint in _endpoints.Values.OfType<IAsyncDisposable>())
        {
            await endpoint.DisposeAsync();
        }
    }
}
