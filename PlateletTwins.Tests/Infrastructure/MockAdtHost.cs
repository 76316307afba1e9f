using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PlateletTwins.MockAdt.Hosting;

namespace PlateletTwins.Tests.Infrastructure;

/// <summary>MockAdt in the test process, composed by its Program's AddMockAdt and MapMockAdt, on a real loopback port.</summary>
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

    /// <summary>
    /// Starts MockAdt with <paramref name="settings"/>; <paramref name="services"/> may replace a service after MockAdt's
    /// own (e.g. its clock). With <paramref name="httpClientDefaults"/>, the HTTP clients' defaults come first, as the
    /// service defaults give them in Program.cs (not the rest: their telemetry listens to the whole test process).
    /// </summary>
    public static async Task<MockAdtHost> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, bool httpClientDefaults = false)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["MockAdt:Auth:Tokens:0:Value"] = OwnerToken,
            ["MockAdt:Auth:Tokens:0:Role"] = "DataOwner",
            ["MockAdt:Auth:Tokens:1:Value"] = ReaderToken,
            ["MockAdt:Auth:Tokens:1:Role"] = "DataReader",
        };
        var (app, address) = await LoopbackApp.StartAsync(configuration, b =>
        {
            if (httpClientDefaults)
            {
                b.Services.AddHttpClientDefaults();
            }
            b.AddMockAdt();
            services?.Invoke(b.Services);
        }, a => a.MapMockAdt(), settings);
        return new MockAdtHost(app, address);
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
