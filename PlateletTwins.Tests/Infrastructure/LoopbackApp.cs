using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PlateletTwins.Tests.Infrastructure;

/// <summary>
/// A web application in this process on a free loopback port, with the given settings, for tests and benchmarks that
/// talk real HTTP to a service composed as its own Program composes it.
/// </summary>
public static class LoopbackApp
{
    /// <summary>Starts the app with <paramref name="settings"/>, each overridden by <paramref name="overrides"/> where it has the key.</summary>
    public static async Task<(WebApplication App, Uri Address)> StartAsync(
        IDictionary<string, string?> settings,
        Action<WebApplicationBuilder> compose,
        Action<WebApplication> map,
        IDictionary<string, string?>? overrides = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }
        compose(builder);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address));
    }

    /// <summary>A loopback port free at the moment of asking, for a second listener the app opens itself.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
