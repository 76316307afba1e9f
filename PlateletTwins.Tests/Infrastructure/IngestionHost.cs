using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PlateletTwins.IngestionService.Cli;
using PlateletTwins.IngestionService.Hosting;

namespace PlateletTwins.Tests.Infrastructure;

/// <summary>
/// The ingestion service in the test process, composed as its Program does, on loopback, writing to a MockAdt. Its
/// credential is the one seam: a MockAdt token given as is, since Azure.Identity's managed identity reads the process's
/// environment, which tests running side by side share (the service as a process of its own takes the real path,
/// <c>ManagedIdentityEndpointTests</c>).
/// </summary>
public sealed class IngestionHost : IAsyncDisposable
{
    public const string IntakeKey = "intake-key-for-tests";

    private readonly WebApplication _app;

    private IngestionHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<IngestionHost> StartAsync(Uri adt, IDictionary<string, string?>? settings = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["ConnectionStrings:adt"] = $"Endpoint={adt}",
            ["Intake:Key"] = IntakeKey,
            ["Dtdl:Directory"] = RepositoryPaths.Dtdl,
        };
        var (app, address) = await LoopbackApp.StartAsync(configuration, b =>
        {
            b.Services.AddSingleton<TokenCredential>(new StaticTokenCredential(MockAdtHost.OwnerToken));
            b.AddIngestion();
        }, a => a.MapIngestion(), settings);
        return new IngestionHost(app, address);
    }

    public HttpClient CreateClient(string? key = IntakeKey)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Intake-Key", key);
        }
        return client;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
