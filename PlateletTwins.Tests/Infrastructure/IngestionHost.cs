using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PlateletTwins.IngestionService.Hosting;

namespace PlateletTwins.Tests.Infrastructure;

/// <summary>The ingestion service in the test process, composed as its Program does, on loopback, writing to a MockAdt.</summary>
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
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:adt"] = $"Endpoint={adt};Token={MockAdtHost.OwnerToken}",
            ["Intake:Key"] = IntakeKey,
            ["Dtdl:Directory"] = RepositoryPaths.Dtdl,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.AddIngestion();
        var app = builder.Build();
        app.MapIngestion();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new IngestionHost(app, new Uri(address));
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
