using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PlateletTwins.IngestionService.Hosting;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Benchmarks;

/// <summary>The ingestion service composed as its Program does, on loopback, writing to a MockAdt harness.</summary>
internal sealed class IngestionHarness : IAsyncDisposable
{
    public const string Key = "benchmark-intake-key";

    private readonly WebApplication _app;

    private readonly string _dataDirectory;

    private IngestionHarness(WebApplication app, Uri address, string dataDirectory)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = address };
        Client.DefaultRequestHeaders.Add("X-Intake-Key", Key);
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<IngestionHarness> StartAsync(MockAdtHarness adt, Dictionary<string, string?>? settings = null)
    {
        // Durable, as the AppHost runs it: every accepted batch committed to the journal before its 202.
        var dataDirectory = Directory.CreateTempSubdirectory("platelettwins-bench-").FullName;
        var configuration = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dataDirectory,
            ["ConnectionStrings:adt"] = adt.ConnectionString,
            ["Intake:Key"] = Key,
            ["Intake:MaxBacklog"] = "10000000",
            ["Dtdl:Directory"] = Path.Combine(Repository.Root, "dtdl"),
        };
        var (app, address) = await LoopbackApp.StartAsync(configuration, b =>
        {
            // The service's token as is: Azure.Identity's managed identity would read this process's environment.
            b.Services.AddSingleton<Azure.Core.TokenCredential>(new PlateletTwins.IngestionService.Cli.StaticTokenCredential(MockAdtHarness.Token));
            b.AddIngestion();
        }, a => a.MapIngestion(), settings);
        return new IngestionHarness(app, address, dataDirectory);
    }

    /// <summary>Starts a run whose lab has <paramref name="devices"/> separators, one twin each.</summary>
    public async Task StartRunAsync(string runId, int devices)
    {
        var run = new JsonObject
        {
            ["runId"] = runId,
            ["seed"] = 1,
            ["speed"] = "max",
            ["startTime"] = DateTimeOffset.UnixEpoch,
            ["lab"] = new JsonObject
            {
                ["id"] = "bench-lab",
                ["name"] = "Benchmark lab",
                ["devices"] = new JsonArray([.. Enumerable.Range(0, devices).Select(i => (JsonNode)new JsonObject { ["id"] = DeviceId(i), ["type"] = "Separator", ["capacity"] = 4 })]),
                ["feeds"] = new JsonArray(),
            },
        };
        using var response = await Client.PostAsJsonAsync("/api/runs", run);
        response.EnsureSuccessStatusCode();
    }

    public static string DeviceId(int i) => $"dev-{i:D5}";

    public static JsonObject Batch(string runId, IEnumerable<JsonObject> updates) => new() { ["runId"] = runId, ["updates"] = new JsonArray([.. updates]) };

    public static JsonObject Update(int device, long sequence) => new()
    {
        ["twinId"] = DeviceId(device),
        ["sequence"] = sequence,
        ["sourceTime"] = DateTimeOffset.UnixEpoch.AddMinutes(sequence),
        ["properties"] = new JsonObject { ["inUse"] = (int)(sequence % 5), ["queueLength"] = (int)(sequence % 40), ["status"] = "Processing" },
        ["createdAt"] = DateTimeOffset.UtcNow,
    };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
