using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PlateletTwins.IngestionService.Live;
using PlateletTwins.SimulatorService.Diagnostics;
using PlateletTwins.SimulatorService.Lab.Running;
using PlateletTwins.SimulatorService.Streaming;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.Ingestion.IntakeMessages;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>Runs the live view's browser suites (<c>Browser/live*.test.mjs</c>) once each, each against an intake of its own.</summary>
public sealed class LiveViewBrowserRuns : NodeSuiteFixture
{
    public const string Follows = "live.test.mjs";
    public const string Layout = "live-layout.test.mjs";
    public const string Pools = "live-pools.test.mjs";

    protected override async IAsyncEnumerable<NodeSuiteRun> RunAsync()
    {
        yield return await FollowsAsync();
        yield return await LayoutAsync();
        yield return await PoolsAsync();
    }

    private static async Task<NodeSuiteRun> FollowsAsync()
    {
        await using var intake = await RunningIntake.StartAsync("run-live");
        return await NodeTestRun.RunAsync(NodeTestRun.Browser, Follows, new Dictionary<string, string>
        {
            ["INGESTION_URL"] = intake.Ingestion.Address.ToString().TrimEnd('/'),
            ["INTAKE_KEY"] = IngestionHost.IntakeKey,
            ["RUN_ID"] = "run-live",
            ["DEVICES"] = "12",
            ["SCREENSHOT_DIR"] = Screenshots.Directory,
        }, TimeSpan.FromMinutes(2));
    }

    private static async Task<NodeSuiteRun> LayoutAsync()
    {
        await using var intake = await RunningIntake.StartAsync("run-live");
        // The reference lab as the simulator starts a run of it: its devices and feeds, not the intake tests' few.
        var start = StartMessage.For("run-layout", new RunOptions(), "max", Start);
        (await intake.Client.PostAsJsonAsync("/api/runs", start)).EnsureSuccessStatusCode();

        return await NodeTestRun.RunAsync(NodeTestRun.Browser, Layout, new Dictionary<string, string>
        {
            ["INGESTION_URL"] = intake.Ingestion.Address.ToString().TrimEnd('/'),
            ["INTAKE_KEY"] = IngestionHost.IntakeKey,
            ["RUN_ID"] = "run-layout",
            ["FEEDS"] = start.Lab.Feeds.Count.ToString(CultureInfo.InvariantCulture),
            ["SCREENSHOT_DIR"] = Screenshots.Directory,
        }, TimeSpan.FromMinutes(2));
    }

    private static async Task<NodeSuiteRun> PoolsAsync()
    {
        await using var intake = await RunningIntake.StartAsync("run-live");
        // 14 simulated hours of the reference lab, streamed by the simulator's own streamer through this intake into
        // MockAdt in about 20 s while the page watches: pools pass every device, the first ones into the agitator. The
        // streamer marks the run Completed once ADT acknowledged all of it, which the page waits for.
        var options = new StreamingOptions
        {
            Speed = "2400",
            Hours = 14,
            Seed = 5,
            IntakeKey = IngestionHost.IntakeKey,
            StartTime = Start,
            BatchInterval = TimeSpan.FromMilliseconds(50),
            AcknowledgementPoll = TimeSpan.FromMilliseconds(100),
        };
        using var http = new HttpClient { BaseAddress = intake.Ingestion.Address };
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var telemetry = new SimulatorTelemetry(services.GetRequiredService<IMeterFactory>());
        var streamer = new RunStreamer(new IngestionClient(http, Options.Create(options), TimeProvider.System), telemetry, options, TimeProvider.System, NullLogger.Instance);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var browser = NodeTestRun.RunAsync(NodeTestRun.Browser, Pools, new Dictionary<string, string>
        {
            ["INGESTION_URL"] = intake.Ingestion.Address.ToString().TrimEnd('/'),
            ["MOCKADT_URL"] = intake.Adt.Address.ToString().TrimEnd('/'),
            ["RUN_ID"] = "run-pools",
            ["SCREENSHOT_DIR"] = Screenshots.Directory,
        }, TimeSpan.FromMinutes(3));
        // The run starts once the page follows the live view's stream (its EventSource on /live/events), so that what it
        // shows of the pools comes on the stream; the page itself checks that pools came after it opened. A browser
        // that ends before it follows is reported as its suite's run.
        var live = intake.Ingestion.Services.GetRequiredService<LiveLab>();
        await Eventually.TrueAsync(() => live.Followed || browser.IsCompleted, TimeSpan.FromSeconds(60), "the live page following /live/events");
        if (browser.IsCompleted)
        {
            return await browser;
        }
        await streamer.RunAsync("run-pools", new RunOptions { Hours = options.Hours, Seed = options.Seed }, timeout.Token);
        return await browser;
    }
}
