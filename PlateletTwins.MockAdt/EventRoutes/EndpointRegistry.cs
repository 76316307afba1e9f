using Microsoft.Extensions.Options;

namespace PlateletTwins.MockAdt.EventRoutes;

/// <summary>The endpoints of <c>MockAdt:Endpoints</c>, built once at start.</summary>
internal sealed class EndpointRegistry : IAsyncDisposable
{
    public const string DefaultStream = "stream";

    private readonly Dictionary<string, IEventEndpoint> _endpoints = new(StringComparer.Ordinal);

    public EndpointRegistry(IOptions<List<EndpointOptions>> options, IHttpClientFactory http, ILoggerFactory loggers)
    {
        var configured = options.Value.Count > 0 ? options.Value : [new EndpointOptions { Name = DefaultStream, Kind = EndpointKind.Stream }];
        foreach (var endpoint in configured)
        {
            if (string.IsNullOrWhiteSpace(endpoint.Name) || _endpoints.ContainsKey(endpoint.Name))
            {
                throw new InvalidOperationException($"MockAdt:Endpoints: every endpoint needs a name of its own ('{endpoint.Name}').");
            }
            var logger = loggers.CreateLogger($"PlateletTwins.MockAdt.Endpoints.{endpoint.Name}");
            _endpoints[endpoint.Name] = endpoint.Kind switch
            {
                EndpointKind.Webhook => new WebhookEndpoint(endpoint.Name,
                    endpoint.Url ?? throw new InvalidOperationException($"MockAdt:Endpoints: the webhook endpoint '{endpoint.Name}' needs a Url."),
                    http.CreateClient(nameof(WebhookEndpoint)), logger),
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
