using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PlateletTwins.SimulatorService.Diagnostics;
using PlateletTwins.SimulatorService.Lab.Running;
using PlateletTwins.SimulatorService.Streaming;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.Ingestion.IntakeMessages;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>
/// The live lab view: its snapshot holds only what ADT acknowledged, and the page follows changes in Chromium, lays
/// out any lab's flow with no feed across another, and shows the pools of a real run in their devices.
/// </summary>
public sealed class LiveViewTests : IAsyncLifetime
{
    private RunningIntake _intake = null!;

    public async Task InitializeAsync() => _intake = await RunningIntake.StartAsync("run-live");

    public async Task DisposeAsync() => await _intake.DisposeAsync();

    [Fact]
    public async Task The_snapshot_has_the_run_and_a_twins_state_once_ADT_acknowledged_it()
    {
        using var anonymous = new HttpClient { BaseAddress = _intake.Ingestion.Address };
        var empty = (await anonymous.GetFromJsonAsync<JsonObject>("/live/snapshot"))!;
        (await _intake.Client.PostAsJsonAsync("/api/telemetry", Batch("run-live", [Update("centrifuge-02", 1, 10, new JsonObject { ["status"] = "Failed" })]))).EnsureSuccessStatusCode();

        var twin = await Eventually.ReturnsAsync(async () => (await anonymous.GetFromJsonAsync<JsonObject>("/live/snapshot"))!["twins"]!["centrifuge-02"]?.AsObject(),
            t => t is not null, TimeSpan.FromSeconds(10), "centrifuge-02 in the snapshot");

        Assert.Equal("run-live", empty["run"]!["runId"]!.GetValue<string>());
        Assert.Equal(12, empty["run"]!["lab"]!["devices"]!.AsArray().Count);
        Assert.Equal("Failed", twin!["properties"]!["status"]!.GetValue<string>());
        Assert.NotNull(twin["acknowledgedAt"]);
        Assert.Equal("Failed", (await _intake.Adt.CreateClient().GetFromJsonAsync<JsonObject>("/digitaltwins/centrifuge-02?api-version=2023-10-31"))!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_live_view_follows_the_lab_in_a_browser()
    {
        await NodeTestRun.AssertPassesAsync(NodeTestRun.Browser, "live.test.mjs", new Dictionary<string, string>
        {
            ["INGESTION_URL"] = _intake.Ingestion.Address.ToString().TrimEnd('/'),
            ["INTAKE_KEY"] = IngestionHost.IntakeKey,
            ["RUN_ID"] = "run-live",
            ["DEVICES"] = "12",
            ["SCREENSHOT_DIR"] = Screenshots.Directory,
        }, TimeSpan.FromMinutes(2));
        Assert.True(File.Exists(Path.Combine(Screenshots.Directory, "live-lab-view.png")));
    }

    [Fact]
    public async Task The_live_view_lays_out_the_reference_lab_and_another_with_no_feed_across_another_in_a_browser()
    {
        // The reference lab as the simulator starts a run of it: its devices and feeds, not the intake tests' few.
        var start = StartMessage.For("run-layout", new RunOptions(), "max", Start);
        (await _intake.Client.PostAsJsonAsync("/api/runs", start)).EnsureSuccessStatusCode();

        await NodeTestRun.AssertPassesAsync(NodeTestRun.Browser, "live-layout.test.mjs", new Dictionary<string, string>
        {
            ["INGESTION_URL"] = _intake.Ingestion.Address.ToString().TrimEnd('/'),
            ["INTAKE_KEY"] = IngestionHost.IntakeKey,
            ["RUN_ID"] = "run-layout",
            ["FEEDS"] = start.Lab.Feeds.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SCREENSHOT_DIR"] = Screenshots.Directory,
        }, TimeSpan.FromMinutes(2));
        foreach (var name in (string[])["live-layout-1400", "live-layout-1024", "live-layout-other-lab"])
        {
            Assert.True(File.Exists(Path.Combine(Screenshots.Directory, $"{name}.png")), name);
        }
    }

    [Fact]
    public async Task The_live_view_follows_the_pools_of_a_real_run_into_their_devices_and_draws_a_pools_route_in_a_browser()
    {
        // 14 simulated hours of the reference lab, streamed by the simulator's own streamer through this intake into
        // MockAdt in about 20 s while the page watches: pools pass every device, the first ones into the agitator. The
        // streamer marks the run Completed once ADT acknowledged all of it, which the page waits for.
        var options = new StreamingOptions
        {
            Speed = "2400", Hours = 14, Seed = 5, IntakeKey = IngestionHost.IntakeKey, StartTime = Start,
            BatchInterval = TimeSpan.FromMilliseconds(50), AcknowledgementPoll = TimeSpan.FromMilliseconds(100),
        };
        using var http = new HttpClient { BaseAddress = _intake.Ingestion.Address };
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var telemetry = new SimulatorTelemetry(services.GetRequiredService<IMeterFactory>());
        var streamer = new RunStreamer(new IngestionClient(http, Options.Create(options), TimeProvider.System), telemetry, options, TimeProvider.System, NullLogger.Instance);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var browser = NodeTestRun.AssertPassesAsync(NodeTestRun.Browser, "live-pools.test.mjs", new Dictionary<string, string>
        {
            ["INGESTION_URL"] = _intake.Ingestion.Address.ToString().TrimEnd('/'),
            ["MOCKADT_URL"] = _intake.Adt.Address.ToString().TrimEnd('/'),
            ["RUN_ID"] = "run-pools",
            ["SCREENSHOT_DIR"] = Screenshots.Directory,
        }, TimeSpan.FromMinutes(3));
        // The page opens while the run starts: what it shows of the pools comes on the stream.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await streamer.RunAsync("run-pools", new RunOptions { Hours = options.Hours, Seed = options.Seed }, timeout.Token);
        await browser;
        Assert.True(File.Exists(Path.Combine(Screenshots.Directory, "live-pools.png")));
    }
}
