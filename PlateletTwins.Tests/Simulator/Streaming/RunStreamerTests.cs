using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PlateletTwins.SimulatorService.Cli;
using PlateletTwins.SimulatorService.Devices;
using PlateletTwins.SimulatorService.Diagnostics;
using PlateletTwins.SimulatorService.Lab.Model;
using PlateletTwins.SimulatorService.Lab.Running;
using PlateletTwins.SimulatorService.Streaming;
using PlateletTwins.Tests.Simulator.Pools;
using DeviceModel = PlateletTwins.Dtdl.Lab.DeviceModel;

namespace PlateletTwins.Tests.Simulator.Streaming;

/// <summary>Streaming never drops an update, whether the intake is slow, throttles, or restarts.</summary>
public sealed class RunStreamerTests
{
    private sealed class TestMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose() => _meters.ForEach(m => m.Dispose());
    }

    [Fact]
    public async Task Every_update_reaches_a_slow_throttling_restarting_intake_in_order()
    {
        await using var intake = await FakeIntake.StartAsync(forgetAfter: 4);
        var options = new StreamingOptions
        {
            Speed = "max",
            Hours = 8,
            Seed = 3,
            BatchSize = 50,
            BatchInterval = TimeSpan.FromMilliseconds(20),
            MaxBacklog = 40,
            RetryDelay = TimeSpan.FromMilliseconds(50),
            IntakeKey = "k",
            StartTime = new DateTimeOffset(2026, 1, 5, 7, 0, 0, TimeSpan.Zero),
        };
        using var http = new HttpClient { BaseAddress = intake.Address };
        using var meters = new TestMeterFactory();
        using var telemetry = new SimulatorTelemetry(meters);
        var streamer = new RunStreamer(new IngestionClient(http, Options.Create(options), TimeProvider.System), telemetry, options, TimeProvider.System, NullLogger.Instance);
        var run = new RunOptions { Hours = 8, Seed = 3 };

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await streamer.RunAsync("run-test", run, timeout.Token);

        // What the lab produced, run again on its own with the same seed.
        var expected = new List<DeviceUpdate>();
        new LabModel(run.EffectiveLab, run.Seed, expected.Add).RunUntil(8 * 60);

        Assert.True(intake.Throttled > 0, "the intake never throttled");
        Assert.Equal(1, intake.Forgotten);
        Assert.Equal(2, intake.RunStarts);
        var received = intake.Accepted.ToList();
        var twins = new LabTwins(run.EffectiveLab);
        foreach (var device in expected.GroupBy(u => twins.Device(u.DeviceId)))
        {
            var sequences = received.Where(u => u["twinId"]!.GetValue<string>() == device.Key).Select(u => u["sequence"]!.GetValue<long>()).ToList();
            // Every update arrived; a resent current state may repeat one, never reorder them.
            Assert.Equal(device.Select(u => u.Sequence), sequences.Distinct());
            Assert.True(sequences.Zip(sequences.Skip(1)).All(p => p.Second >= p.First), $"{device.Key} out of order");
        }
        var last = received.Last(u => u["twinId"]!.GetValue<string>() == "platelet-lab.separator-01");
        var lastExpected = expected.Last(u => u.DeviceId == "separator-01");
        Assert.Equal(lastExpected.Status.ToString(), last["properties"]![DeviceModel.Status]!.GetValue<string>());
        Assert.Equal(options.StartTime.Value.AddMinutes(lastExpected.SimulatedMinutes), last["sourceTime"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Every_pool_change_and_update_reaches_a_throttling_forgetting_intake_as_the_headless_run_makes_them()
    {
        // The intake forgets the run once, after pools were streamed and some deleted: they come again from their creation.
        await using var intake = await FakeIntake.StartAsync(forgetAfter: 20);
        var options = new StreamingOptions
        {
            Speed = "max",
            Hours = 30,
            Seed = 4,
            BatchSize = 200,
            BatchInterval = TimeSpan.FromMilliseconds(20),
            MaxBacklog = 300,
            RetryDelay = TimeSpan.FromMilliseconds(50),
            IntakeKey = "k",
            StartTime = PoolRun.Start,
        };
        using var http = new HttpClient { BaseAddress = intake.Address };
        using var meters = new TestMeterFactory();
        using var telemetry = new SimulatorTelemetry(meters);
        var streamer = new RunStreamer(new IngestionClient(http, Options.Create(options), TimeProvider.System), telemetry, options, TimeProvider.System, NullLogger.Instance);
        // Deleted 2 simulated hours after the end: deletions between the lab's instants, streamed at their own time.
        var retention = TimeSpan.FromHours(2);

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await streamer.RunAsync(PoolRun.RunId, new RunOptions { Hours = 30, Seed = 4, Profile = RunProfile.Stress, PoolRetention = retention }, timeout.Token);

        var run = PoolRun.Of(RunProfile.Stress, 4, 30, retention);
        var expected = run.Wire().ToList();
        var poolTwin = run.Twins.Pool("");
        var received = intake.Accepted.Where(u => u["twinId"]!.GetValue<string>().StartsWith(poolTwin, StringComparison.Ordinal))
            .Select(u => (Twin: u["twinId"]!.GetValue<string>(), Sequence: u["sequence"]!.GetValue<long>(), What: "update", Body: u["properties"]!.ToJsonString(), Time: u["sourceTime"]!.GetValue<DateTimeOffset>()))
            .Concat(intake.AcceptedChanges.Select(c => (Twin: c["twinId"]!.GetValue<string>(), Sequence: c["sequence"]!.GetValue<long>(), What: c["kind"]!.GetValue<string>(),
                Body: (c["properties"] ?? c["relationship"])?.ToJsonString() ?? "", Time: c["sourceTime"]!.GetValue<DateTimeOffset>())))
            .OrderBy(m => m.Twin, StringComparer.Ordinal).ThenBy(m => m.Sequence).ToList();
        var made = expected
            .Select(m => (Twin: m["twinId"]!.GetValue<string>(), Sequence: m["sequence"]!.GetValue<long>(), What: m["message"]!.GetValue<string>() == "update" ? "update" : m["kind"]!.GetValue<string>(),
                Body: (m["properties"] ?? m["relationship"])?.ToJsonString() ?? "", Time: m["sourceTime"]!.GetValue<DateTimeOffset>()))
            .OrderBy(m => m.Twin, StringComparer.Ordinal).ThenBy(m => m.Sequence).ToList();

        Assert.True(intake.Throttled > 0, "the intake never throttled");
        Assert.Equal(2, intake.RunStarts);
        Assert.Contains(made, m => m.What == "deleteTwin");
        // Every one, with the values and times the lab gave it; what the intake had lost came again, never out of order.
        Assert.Equal(made, received.Distinct().ToList());
        Assert.True(received.Count > made.Count, "nothing was resent after the intake forgot the run");
        var resent = received.GroupBy(m => (m.Twin, m.Sequence)).Where(g => g.Count() > 1).Select(g => g.Key.Twin).ToHashSet();
        // A resent twin comes again whole, from its creation (sequence 0).
        Assert.All(resent, twin => Assert.Equal(2, received.Count(m => m.Twin == twin && m.Sequence == 0)));
        // A twin already deleted is not created again: in the order the intake took them, no createTwin follows a deleteTwin.
        var taken = intake.AcceptedChanges.Select(c => (Twin: c["twinId"]!.GetValue<string>(), Kind: c["kind"]!.GetValue<string>())).ToList();
        Assert.All(taken.GroupBy(c => c.Twin), twin => Assert.DoesNotContain("createTwin", twin.SkipWhile(c => c.Kind != "deleteTwin").Select(c => c.Kind)));
        Assert.NotEmpty(resent);
        // Not vacuous: twins were deleted before the intake forgot (before the first createTwin taken twice).
        var creates = new HashSet<string>(StringComparer.Ordinal);
        var resendStart = taken.FindIndex(c => c.Kind == "createTwin" && !creates.Add(c.Twin));
        Assert.Contains(taken.Take(resendStart), c => c.Kind == "deleteTwin");
    }

    [Fact]
    public async Task A_streamed_run_ends_with_every_device_twin_as_the_headless_trace_of_the_same_seed_to_the_last_bit()
    {
        const int hours = 24;
        await using var intake = await FakeIntake.StartAsync(forgetAfter: int.MaxValue);
        var options = new StreamingOptions
        {
            Speed = "max",
            Hours = hours,
            Seed = 1,
            BatchSize = 200,
            BatchInterval = TimeSpan.FromMilliseconds(20),
            RetryDelay = TimeSpan.FromMilliseconds(50),
            IntakeKey = "k",
            StartTime = new DateTimeOffset(2026, 1, 5, 7, 0, 0, TimeSpan.Zero),
        };
        using var http = new HttpClient { BaseAddress = intake.Address };
        using var meters = new TestMeterFactory();
        using var telemetry = new SimulatorTelemetry(meters);
        var streamer = new RunStreamer(new IngestionClient(http, Options.Create(options), TimeProvider.System), telemetry, options, TimeProvider.System, NullLogger.Instance);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await streamer.RunAsync("run-headless", new RunOptions { Hours = hours, Seed = 1 }, timeout.Token);

        // The headless run of the same seed and hours, as `simulate --trace` writes it: each device's last line.
        var trace = Path.GetTempFileName();
        List<JsonObject> lines;
        try
        {
            Assert.Equal(0, SimulateCommand.Run(["--hours", $"{hours}", "--seed", "1", "--trace", trace], TextWriter.Null, TextWriter.Null));
            lines = [.. File.ReadLines(trace).Select(line => (JsonObject)JsonNode.Parse(line)!)];
        }
        finally
        {
            File.Delete(trace);
        }
        // The trace names devices as the lab does; the stream, by their twins.
        var twins = new LabTwins(new RunOptions().EffectiveLab);
        var headless = lines.GroupBy(l => twins.Device(l["deviceId"]!.GetValue<string>())).ToDictionary(g => g.Key, g => g.Last());
        var streamed = intake.Accepted.GroupBy(u => u["twinId"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.MaxBy(u => u["sequence"]!.GetValue<long>())!);

        Assert.Equal(new RunOptions().EffectiveLab.Devices.Count, headless.Count);
        string[] whole = [DeviceModel.Status, DeviceModel.InUse, DeviceModel.QueueLength, DeviceModel.TotalProcessed, DeviceModel.Failures];
        string[] accumulated = [DeviceModel.Utilization, DeviceModel.IdleMinutes, DeviceModel.ProcessingMinutes, DeviceModel.BlockedMinutes, DeviceModel.FailedMinutes];
        var differing = new List<string>();
        foreach (var (device, last) in headless)
        {
            var properties = streamed[device]["properties"]!;
            Assert.Equal(last["sequence"]!.GetValue<long>(), streamed[device]["sequence"]!.GetValue<long>());
            Assert.Equal(options.StartTime.Value.AddMinutes(last["minute"]!.GetValue<double>()), streamed[device]["sourceTime"]!.GetValue<DateTimeOffset>());
            differing.AddRange(whole.Where(p => properties[p]!.ToJsonString() != last[p]!.ToJsonString()).Select(p => $"{device}.{p}"));
            // Bitwise: minutes and utilisation accumulated in the same sums, not merely close.
            differing.AddRange(accumulated.Where(p => BitConverter.DoubleToInt64Bits(properties[p]!.GetValue<double>()) != BitConverter.DoubleToInt64Bits(last[p]!.GetValue<double>()))
                .Select(p => $"{device}.{p}: streamed {properties[p]!.GetValue<double>():R}, headless {last[p]!.GetValue<double>():R}"));
        }
        Assert.True(differing.Count == 0, string.Join("\n", differing));
        // Not vacuous: the devices worked, so their minutes were summed over many changes.
        Assert.All(headless.Values, last => Assert.True(last[DeviceModel.ProcessingMinutes]!.GetValue<double>() > 0, $"{last["deviceId"]} never processed"));
    }

    [Fact]
    public async Task Each_event_goes_with_its_kinds_name_as_the_intake_and_ADT_read_it()
    {
        await using var intake = await FakeIntake.StartAsync(forgetAfter: int.MaxValue);
        var options = new StreamingOptions
        {
            Speed = "max",
            Hours = 30,
            Seed = 4,
            BatchSize = 200,
            BatchInterval = TimeSpan.FromMilliseconds(20),
            RetryDelay = TimeSpan.FromMilliseconds(50),
            IntakeKey = "k",
            StartTime = PoolRun.Start,
        };
        using var http = new HttpClient { BaseAddress = intake.Address };
        using var meters = new TestMeterFactory();
        using var telemetry = new SimulatorTelemetry(meters);
        var streamer = new RunStreamer(new IngestionClient(http, Options.Create(options), TimeProvider.System), telemetry, options, TimeProvider.System, NullLogger.Instance);

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await streamer.RunAsync(PoolRun.RunId, new RunOptions { Hours = 30, Seed = 4, Profile = RunProfile.Stress }, timeout.Token);

        // The headless run of the same seed: its events, in order, with their twins, as the wire has them.
        var run = PoolRun.Of(RunProfile.Stress, 4, 30);
        var made = run.Events.Select(e => (Twin: run.Twins.Device(e.DeviceId), Type: e.Type.ToString(), e.Detail)).ToList();
        var received = intake.AcceptedEvents
            .Select(e => (Number: long.Parse(e["eventId"]!.GetValue<string>().Split(':')[^1], System.Globalization.CultureInfo.InvariantCulture),
                Event: (Twin: e["twinId"]!.GetValue<string>(), Type: e["type"]!.GetValue<string>(), Detail: e["detail"]!.GetValue<string>())))
            .DistinctBy(e => e.Number).OrderBy(e => e.Number).Select(e => e.Event).ToList();

        Assert.Equal(made, received);
        // The names on the wire are those the intake forwards and the live view shows; every kind occurred.
        Assert.Equal(["Failed", "PoolReleased", "PoolsScrapped", "Repaired"], received.Select(e => e.Type).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task At_a_finite_speed_the_simulated_clock_follows_the_wall_clock()
    {
        await using var intake = await FakeIntake.StartAsync(forgetAfter: int.MaxValue);
        // 600 simulated minutes a second: 5 simulated hours take about half a second.
        var options = new StreamingOptions { Speed = "36000", Hours = 5, Seed = 1, IntakeKey = "k", BatchInterval = TimeSpan.FromMilliseconds(20) };
        using var http = new HttpClient { BaseAddress = intake.Address };
        using var meters = new TestMeterFactory();
        using var telemetry = new SimulatorTelemetry(meters);
        var streamer = new RunStreamer(new IngestionClient(http, Options.Create(options), TimeProvider.System), telemetry, options, TimeProvider.System, NullLogger.Instance);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await streamer.RunAsync("run-paced", new RunOptions { Hours = 5, Seed = 1 }, CancellationToken.None);

        Assert.InRange(clock.Elapsed.TotalSeconds, 0.4, 5);
    }
}
