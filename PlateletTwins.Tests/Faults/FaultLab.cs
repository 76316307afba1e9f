using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.SimulatorService.Lab.Running;
using PlateletTwins.Tests.Infrastructure;
using PlateletTwins.Tests.Ingestion;
using PlateletTwins.Tests.Simulator.Pools;

namespace PlateletTwins.Tests.Faults;

/// <summary>
/// MockAdt, the ingestion service and the simulator, each a process of its own on fixed loopback ports, so that any
/// of them can be killed, frozen and started again where the others expect it. The simulator streams 36 h of the
/// stress profile at full speed and writes its report (the last state it sent of every twin) once ADT has it all.
/// </summary>
public sealed class FaultLab : IAsyncDisposable
{
    public const string Token = "fault-lab-token";
    public const string IntakeKey = "fault-lab-intake-key";
    public const string IdentityHeader = "fault-lab-identity-header";
    private const string Api = "?api-version=2023-10-31";

    private readonly string _directory = Directory.CreateTempSubdirectory("platelettwins-faults-").FullName;
    private readonly int _adtPort = LoopbackApp.FreePort();
    private readonly int _ingestionPort = LoopbackApp.FreePort();
    private readonly List<ServiceProcess> _started = [];

    public string Profile { get; init; } = "cloud";

    public IDictionary<string, string> IngestionSettings { get; } = new Dictionary<string, string>();

    public ServiceProcess? Adt { get; private set; }

    public ServiceProcess? Ingestion { get; private set; }

    public ServiceProcess? Simulator { get; private set; }

    public string Reports => Path.Combine(_directory, "reports");

    public async Task<ServiceProcess> StartAdtAsync(bool persist = false)
    {
        var settings = new Dictionary<string, string>
        {
            ["MockAdt__Auth__Tokens__0__Value"] = Token,
            ["MockAdt__Auth__Tokens__0__Role"] = "DataOwner",
            ["MockAdt__Auth__IdentityHeader"] = IdentityHeader,
            // A key that outlives the process, as Entra's does ADT's restarts: the token the ingestion service holds stays good.
            ["MockAdt__Auth__SigningKey"] = "fault-lab-signing-key-of-32-bytes!",
            ["MockAdt__Limits__Profile"] = Profile,
        };
        if (persist)
        {
            settings["MockAdt__DataDirectory"] = Path.Combine(_directory, "mockadt");
        }
        return Adt = Keep(await ServiceProcess.StartAsync("PlateletTwins.MockAdt", _adtPort, settings));
    }

    public async Task<ServiceProcess> StartIngestionAsync()
    {
        var settings = new Dictionary<string, string>(IngestionSettings)
        {
            ["ConnectionStrings__adt"] = $"Endpoint=http://127.0.0.1:{_adtPort}",
            // As the AppHost gives it, and Azure a container app: the token from MockAdt's managed identity endpoint.
            ["IDENTITY_ENDPOINT"] = $"http://127.0.0.1:{_adtPort}/mockadt/msi/token",
            ["IDENTITY_HEADER"] = IdentityHeader,
            ["AZURE_TOKEN_CREDENTIALS"] = "ManagedIdentityCredential",
            ["Intake__Key"] = IntakeKey,
            ["Dtdl__Directory"] = RepositoryPaths.Dtdl,
            ["Storage__DataDirectory"] = Path.Combine(_directory, "ingestion"),
        };
        return Ingestion = Keep(await ServiceProcess.StartAsync("PlateletTwins.IngestionService", _ingestionPort, settings));
    }

    /// <summary>A simulator streaming a run; <paramref name="speed"/> as <c>Streaming:Speed</c> (12960: the 36 h in about ten seconds).</summary>
    public async Task<ServiceProcess> StartSimulatorAsync(ulong seed, double hours = 36, bool lossless = false, string speed = "max")
    {
        var settings = new Dictionary<string, string>
        {
            ["Streaming__IngestionUrl"] = $"http://127.0.0.1:{_ingestionPort}",
            ["Streaming__IntakeKey"] = IntakeKey,
            ["Streaming__Seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Streaming__Speed"] = speed,
            ["Streaming__Profile"] = "stress",
            ["Streaming__Hours"] = hours.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Streaming__Lossless"] = lossless ? "true" : "false",
            ["Streaming__StartTime"] = "2026-01-05T07:00:00Z",
            ["Streaming__RetryDelay"] = "00:00:00.200",
            ["Streaming__ReportDirectory"] = Reports,
        };
        return Simulator = Keep(await ServiceProcess.StartAsync("PlateletTwins.SimulatorService", LoopbackApp.FreePort(), settings));
    }

    public HttpClient AdtClient()
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_adtPort}") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    public HttpClient IntakeClient()
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_ingestionPort}"), Timeout = TimeSpan.FromSeconds(5) };
        client.DefaultRequestHeaders.Add("X-Intake-Key", IntakeKey);
        return client;
    }

    /// <summary>The runs the intake knows, by reading MockAdt's run twins: the Simulation twins, newest last.</summary>
    public async Task<JsonArray> RunTwinsAsync()
    {
        using var client = AdtClient();
        using var response = await client.PostAsJsonAsync($"/query{Api}", new JsonObject { ["query"] = "SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:platelettwins:Simulation;2')" });
        return response.IsSuccessStatusCode ? (JsonArray)(await response.Content.ReadFromJsonAsync<JsonObject>())!["value"]! : [];
    }

    /// <summary>Waits for the report of a run the simulator completed (it is written once ADT has everything).</summary>
    public async Task<JsonObject> WaitForReportAsync(TimeSpan within, int count = 1)
    {
        var reports = await Eventually.ReturnsAsync(
            () => Task.FromResult(Directory.Exists(Reports) ? Directory.GetFiles(Reports, "*.json").OrderBy(File.GetLastWriteTimeUtc).ToArray() : []),
            found => found.Length >= count, within, () => $"report {count} of the simulator (simulator:\n{Simulator?.Output}\ningestion:\n{Ingestion?.Output}\n)");
        return (JsonObject)JsonNode.Parse(await File.ReadAllTextAsync(reports[^1]))!;
    }

    /// <summary>Every twin in ADT holds the last state the simulator sent of it, with its source time.</summary>
    public async Task AssertTwinsExactAsync(JsonObject report)
    {
        using var client = AdtClient();
        var twins = report["twins"]!.AsObject();
        Assert.Equal(13, twins.Count);
        foreach (var (id, sent) in twins)
        {
            using var response = await client.GetAsync($"/digitaltwins/{id}{Api}");
            Assert.True(response.IsSuccessStatusCode, $"{id}: {response.StatusCode}\ningestion:\n{Ingestion?.Output}");
            var twin = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            foreach (var (name, value) in sent!["properties"]!.AsObject())
            {
                Assert.True(JsonNode.DeepEquals(value, twin[name]), $"{id}.{name}: the simulator's last is {value?.ToJsonString()}, ADT has {twin[name]?.ToJsonString()}");
                Assert.Equal(sent["sourceTime"]!.GetValue<DateTimeOffset>(), twin["$metadata"]![name]!["sourceTime"]!.GetValue<DateTimeOffset>());
            }
        }
        var runTwin = (await client.GetFromJsonAsync<JsonObject>($"/digitaltwins/{report["runId"]}{Api}"))!;
        Assert.Equal(SimulationModel.StatusValues.Completed, runTwin[SimulationModel.Status]!.GetValue<string>());
        if (report["updatesRefused"]!.GetValue<long>() != 0)
        {
            using var intake = IntakeClient();
            var said = string.Join('\n', (Simulator?.Output ?? "").Split('\n').Where(l => l.Contains("refused", StringComparison.Ordinal) || l.Contains("rejected", StringComparison.Ordinal)));
            Assert.Fail($"refused: {report["updatesRefused"]}; dead letters: {await intake.GetStringAsync("/api/deadletters")}; the simulator said:\n{said}");
        }
    }

    /// <summary>
    /// The pool twins in ADT are exactly those the simulator's run of <paramref name="seed"/> still holds at its end
    /// (the same lab, run here), each at its last stage and route, held by its last device, located at the lab; and
    /// nothing was dead-lettered on the way.
    /// </summary>
    public async Task AssertPoolsExactAsync(ulong seed, double hours = 36)
    {
        var run = PoolRun.Of(RunProfile.Stress, seed, hours);
        var twins = run.Twins;
        var lab = twins.Lab;
        var retained = run.Pools.Where(p => p.DeletedAt is null).ToList();
        Assert.True(retained.Count > 10, $"only {retained.Count} pools alive at the end of seed {seed}");
        using var intake = IntakeClient();
        // First: a change ADT refused explains a missing pool better than the list of them does.
        Assert.Equal("[]", await intake.GetStringAsync("/api/deadletters"));
        using var client = AdtClient();
        await Eventually.ReturnsAsync(() => PoolGraph.MembershipAsync(client, lab, retained.Select(p => twins.Pool(p.PoolId))),
            difference => difference.Length == 0, TimeSpan.FromSeconds(30), $"the {retained.Count} pool twins of the simulator's record, and no other");
        var differences = await PoolGraph.DifferencesAsync(client, twins, retained);
        Assert.True(differences.Count == 0, string.Join('\n', differences));
    }

    /// <summary>MockAdt took every event the simulator sent, each once (MockAdt, as ADT, keeps one message per Message-Id).</summary>
    public async Task AssertEventsDeliveredAsync(JsonObject report)
    {
        using var client = AdtClient();
        var messages = (await client.GetFromJsonAsync<JsonArray>("/mockadt/telemetry?max=10000"))!;
        var ofRun = messages.Where(m => m!["messageId"]!.GetValue<string>().StartsWith(report["runId"]!.GetValue<string>() + ":", StringComparison.Ordinal)).ToList();
        Assert.Equal(report["eventsSent"]!.GetValue<long>(), ofRun.Count);
        Assert.Equal(ofRun.Count, ofRun.Select(m => m!["messageId"]!.GetValue<string>()).Distinct().Count());
        Assert.True(ofRun.Count > 0, "a stress run has failures and repairs");
    }

    private ServiceProcess Keep(ServiceProcess process)
    {
        _started.Add(process);
        return process;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _started)
        {
            await process.DisposeAsync();
        }
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A process let go of its files late; the temporary folder goes with the machine's.
        }
    }
}
