using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.Ingestion.IntakeMessages;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>MockAdt's second port speaks HTTP/2 without TLS; the ingestion service writes through it with <c>Protocol=h2c</c>, as under the AppHost.</summary>
public sealed class Http2WriteTests : IAsyncLifetime
{
    private MockAdtHost _adt = null!;
    private int _http2Port;

    public async Task InitializeAsync()
    {
        _http2Port = LoopbackApp.FreePort();
        _adt = await MockAdtHost.StartAsync(new Dictionary<string, string?> { ["MockAdt:Http2Port"] = _http2Port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    public async Task DisposeAsync() => await _adt.DisposeAsync();

    [Fact]
    public async Task The_second_port_answers_HTTP2_and_the_first_stays_HTTP1()
    {
        using var http2 = _adt.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{_http2Port}/models?api-version=2023-10-31"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var overHttp2 = await http2.SendAsync(request);
        using var http1 = _adt.CreateClient();
        using var overHttp1 = await http1.GetAsync("/models?api-version=2023-10-31");

        Assert.Equal(HttpStatusCode.OK, overHttp2.StatusCode);
        Assert.Equal(HttpVersion.Version20, overHttp2.Version);
        Assert.Equal(HttpStatusCode.OK, overHttp1.StatusCode);
        Assert.Equal(HttpVersion.Version11, overHttp1.Version);
    }

    [Fact]
    public async Task The_ingestion_service_provisions_and_writes_over_HTTP2()
    {
        await using var ingestion = await IngestionHost.StartAsync(_adt.Address, new Dictionary<string, string?>
        {
            ["ConnectionStrings:adt"] = $"Endpoint=http://127.0.0.1:{_http2Port};Protocol=h2c",
        });
        using var intake = ingestion.CreateClient();
        (await intake.PostAsJsonAsync("/api/runs", Run("run-h2"))).EnsureSuccessStatusCode();
        using var accepted = await intake.PostAsJsonAsync("/api/telemetry",
            Batch("run-h2", [Update("separator-01", 1, 3, new JsonObject { ["status"] = "Blocked", ["queueLength"] = 4 })]));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        using var adt = _adt.CreateClient();
        var twin = await Eventually.ReturnsAsync(() => adt.GetFromJsonAsync<JsonObject>("/digitaltwins/separator-01?api-version=2023-10-31"),
            t => t?["queueLength"] is not null, TimeSpan.FromSeconds(10), "separator-01's queueLength written over HTTP/2");
        Assert.Equal("Blocked", twin!["status"]!.GetValue<string>());
        Assert.Equal(4, twin["queueLength"]!.GetValue<int>());
    }
}
