using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PlateletTwins.MockAdt.Hosting;

namespace PlateletTwins.Tests.Infrastructure;

/// <summary>MockAdt in the test process, composed exactly as its Program does, on a real loopback port.</summary>
public sealed class MockAdtHost : IAsyncDisposable
{
    public const string OwnerToken = "owner-token-for-tests";
    public const string ReaderToken = "reader-token-for-tests";

    private readonly WebApplication _app;

    private MockAdtHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<MockAdtHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MockAdt:Auth:Tokens:0:Value"] = OwnerToken,
            ["MockAdt:Auth:Tokens:0:Role"] = "DataOwner",
            ["MockAdt:Auth:Tokens:1:Value"] = ReaderToken,
            ["MockAdt:Auth:Tokens:1:Role"] = "DataReader",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.AddMockAdt();
        var app = builder.Build();
        app.MapMockAdt();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new MockAdtHost(app, new Uri(address));
    }

    public HttpClient CreateClient(string? token = OwnerToken)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
