using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PlateletTwins.ServiceDefaults.Configuration;
using PlateletTwins.SimulatorService.Devices;
using PlateletTwins.SimulatorService.Lab.Configuration;
using PlateletTwins.SimulatorService.Lab.Model;
using PlateletTwins.SimulatorService.Lab.Running;
using PlateletTwins.SimulatorService.Streaming;
using PlateletTwins.Tests.Ingestion;
using SimulationModel = PlateletTwins.Dtdl.Lab.SimulationModel;

namespace PlateletTwins.Benchmarks;

/// <summary>
/// Several labs of the reference size streaming at once, in real time scaled by a speed, as a national service's sites
/// would: the simulator service in a process of its own streaming one lab file per site (each the reference lab under
/// an id of its own, so with a seed of its own), the ingestion service in this one, MockAdt with ADT's budgets
/// (<c>cloud</c>) in a third. Measured per lab: how old each update and change is when ADT acknowledges it (the
/// staleness a reader of the twin sees); overall: the intake's staleness gauge, what the intake and the writer spend
/// per update, and every refusal. Then each lab's twins are checked against the headless run of its seed.
/// </summary>
internal static class LabsBenchmark
{
    private const ulong Seed = 1;
    private const RunProfile Profile = RunProfile.Normal;
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 7, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(int labCount, double hours, double speed)
    {
        var folder = Directory.CreateTempSubdirectory("platelettwins-labs-").FullName;
        var labs = Enumerable.Range(1, labCount).Select(i => new Site($"site-{i:D2}", Path.Combine(folder, $"site-{i:D2}.json"), TelemetryStreamer.SeedOf(Seed, i - 1))).ToList();
        foreach (var site in labs)
        {
            File.WriteAllText(site.File, new JsonObject { ["basedOn"] = "reference", ["id"] = site.Id, ["name"] = $"Processing site {site.Id}" }.ToJsonString());
        }
        var reports = Directory.CreateDirectory(Path.Combine(folder, "reports")).FullName;
        var wall = TimeSpan.FromSeconds(hours * 3600 / speed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{labCount} labs of the reference size ({SettingNames.Of(Profile)} profile, seeds {Seed}–{Seed + (ulong)labCount - 1}), {hours} simulated hours each at speed {speed} ({wall.TotalMinutes:0.#} min), all at once: the simulator service in its own process, the ingestion service in this one, MockAdt `cloud` with its data history in a third; {Environment.ProcessorCount} cores"));

        await using var adt = await MockAdtHarness.StartProcessAsync("cloud", new Dictionary<string, string>
        {
            ["MockAdt:History:Enabled"] = "true",
            [MockAdtHarness.ThrottleLogLevel.Key] = MockAdtHarness.ThrottleLogLevel.Value,
        });
        await using var ingestion = await IngestionHarness.StartAsync(adt);
        using var probe = new PerLabProbe(labs.Select(l => l.Id));
        using var failed = new CounterProbe("platelet.ingestion.writes.failed", "error.type");

        var settings = new Dictionary<string, string>
        {
            ["Streaming:IngestionUrl"] = ingestion.Client.BaseAddress!.ToString(),
            ["Streaming:IntakeKey"] = IngestionHarness.Key,
            ["Streaming:Speed"] = speed.ToString(CultureInfo.InvariantCulture),
            ["Streaming:Hours"] = hours.ToString(CultureInfo.InvariantCulture),
            ["Streaming:Seed"] = Seed.ToString(CultureInfo.InvariantCulture),
            ["Streaming:Profile"] = SettingNames.Of(Profile),
            ["Streaming:StartTime"] = Start.ToString("O", CultureInfo.InvariantCulture),
            ["Streaming:ReportDirectory"] = reports,
        };
        for (var i = 0; i < labs.Count; i++)
        {
            settings[$"Streaming:LabFiles:{i}"] = labs[i].File;
        }
        var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var adtCpu = adt.ProcessCpuTime;
        var loadBefore = ReportText.LoadAverage();
        var clock = Stopwatch.StartNew();
        TimeSpan simulatorCpu;
        using (var simulator = SimulatorProcess.Start(settings))
        {
            var deadline = wall + TimeSpan.FromMinutes(10);
            var nextProgress = ProgressInterval;
            while (Directory.GetFiles(reports, "*.json").Length < labCount && !simulator.HasExited && clock.Elapsed < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                var staleness = probe.SampleStaleness();
                if (clock.Elapsed >= nextProgress)
                {
                    nextProgress += ProgressInterval;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  … {clock.Elapsed.TotalMinutes:0} min: {Directory.GetFiles(reports, "*.json").Length} of {labCount} runs reported done; {labs.Sum(l => probe.Latency(l.Id).Count):N0} updates and changes acknowledged; staleness now {staleness:0.00} s; load average {ReportText.LoadAverage()}"));
                }
            }
            simulatorCpu = simulator.CpuTime;
        }
        var elapsed = clock.Elapsed;
        ownCpu = Process.GetCurrentProcess().TotalProcessorTime - ownCpu;
        adtCpu = adt.ProcessCpuTime - adtCpu;
        var refusals = await WriteRefusals.ReadAsync(adt, ingestion, failed);
        var done = Directory.GetFiles(reports, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {done.Count} of {labCount} runs done in {elapsed.TotalMinutes:0.0} min (their simulated time takes {wall.TotalMinutes:0.0}); load average {loadBefore} at the start, {ReportText.LoadAverage()} at the end"));

        var checks = new Checks();
        checks.Add(done.Count == labCount, $"every run reported done (its twins acknowledged and its run twin Completed): {done.Count}/{labCount}");
        var items = 0L;
        foreach (var runId in done)
        {
            items += await CountAsync(ingestion.Client, runId);
        }
        Console.WriteLine("  staleness, by lab: an update's or change's age when ADT acknowledged it (its creation in the simulator to the write's answer)");
        foreach (var site in labs)
        {
            var latency = probe.Latency(site.Id);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {site.Id}: {latency.Count:N0} acknowledged, p50 {latency.Percentile(0.5):0} ms, p99 {latency.Percentile(0.99):0} ms, max {latency.Max:0} ms"));
        }
        var runTwins = probe.Latency(PerLabProbe.Other);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    the runs' own twins: {runTwins.Count:N0} acknowledged, p99 {runTwins.Percentile(0.99):0} ms; the staleness gauge (oldest update not yet in ADT), sampled each second: p99 {probe.Staleness.Percentile(0.99):0.00} s, max {probe.Staleness.Max:0.00} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  time per update ({items:N0} updates and changes accepted): the intake {probe.Intake.Sum / items * 1000:0} µs ({probe.Intake.Count:N0} POST /api/telemetry, p50 {probe.Intake.Percentile(0.5):0.0} ms, p99 {probe.Intake.Percentile(0.99):0.0} ms); the writer {probe.Writes.Sum / items * 1000:0} µs in ADT requests ({probe.Writes.Count:N0} writes, p50 {probe.Writes.Percentile(0.5):0.0} ms, p99 {probe.Writes.Percentile(0.99):0.0} ms)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  CPU: the ingestion service {ownCpu.TotalSeconds:0.0} s ({ownCpu.TotalMicroseconds / items:0} µs an update, {ownCpu / elapsed:0.00} core), the simulator {simulatorCpu.TotalSeconds:0.0} s, MockAdt {adtCpu.TotalSeconds:0.0} s"));

        refusals.Check(checks);
        foreach (var site in labs)
        {
            await CheckLabAsync(checks, adt.Client, site, hours);
        }
        return checks.Conclude();
    }

    /// <summary>A run's updates and changes accepted, by the intake's run status.</summary>
    private static async Task<long> CountAsync(HttpClient intake, string runId)
    {
        var status = (await intake.GetFromJsonAsync<JsonObject>($"/api/runs/{runId}"))!;
        return status["updates"]!["accepted"]!.GetValue<long>() + status["changes"]!["accepted"]!.GetValue<long>();
    }

    /// <summary>The lab's run twin Completed with its seed; each device twin the headless run's last update; each pool twin the headless run's pool.</summary>
    private static async Task CheckLabAsync(Checks checks, HttpClient adt, Site site, double hours)
    {
        var run = new RunOptions { Lab = LabFile.Load(site.File), Hours = hours, Seed = site.Seed, Profile = Profile };
        var twins = new LabTwins(run.EffectiveLab);
        var updates = new List<DeviceUpdate>();
        var pools = new List<PoolRecord>();
        new LabModel(run.EffectiveLab, run.Seed, updates.Add, pools: run.PoolTracking(step =>
        {
            if (step.Kind == PoolStepKind.Started)
            {
                pools.Add(step.Pool);
            }
        })).RunUntil(hours * 60);
        var last = updates.GroupBy(u => u.DeviceId).Select(g => g.Last()).ToList();
        var exact = await IngestionBenchmark.ExactDevicesAsync(adt, twins, last);
        var runTwin = await RunTwinAsync(adt, site.Id);
        var retained = pools.Where(p => p.DeletedAt is null).ToList();
        // The query lags writes (up to 10 s on ADT): the pools first, then their differences.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await PoolGraph.MembershipAsync(adt, site.Id, retained.Select(p => twins.Pool(p.PoolId))) is { Length: > 0 } && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }
        var differences = await PoolGraph.DifferencesAsync(adt, twins, retained);
        var status = runTwin?[SimulationModel.Status]?.GetValue<string>();
        var seed = runTwin?[SimulationModel.Seed]?.GetValue<long>();
        checks.Add(status == SimulationModel.StatusValues.Completed && seed == (long)site.Seed && exact == last.Count && differences.Count == 0, string.Create(CultureInfo.InvariantCulture,
            $"{site.Id}: run twin {status ?? "missing"}, seed {seed} (expected {site.Seed}); device twins exact {exact}/{last.Count}; {retained.Count} pool twins, {differences.Count} differences{ReportText.Sample(differences)}"));
    }

    /// <summary>The run twin that simulates the lab, found by its <c>simulates</c> relationship.</summary>
    private static async Task<JsonObject?> RunTwinAsync(HttpClient adt, string labId)
    {
        var query = new { query = $"SELECT R.$sourceId AS run FROM RELATIONSHIPS R WHERE R.$targetId = '{labId}' AND R.$relationshipName = 'simulates'" };
        using var response = await adt.PostAsJsonAsync($"/query?{MockAdtHarness.ApiVersion}", query);
        var rows = (await response.Content.ReadFromJsonAsync<JsonObject>())?["value"]?.AsArray();
        return rows is [{ } row, ..] ? await adt.GetFromJsonAsync<JsonObject>($"/digitaltwins/{row["run"]!.GetValue<string>()}?{MockAdtHarness.ApiVersion}") : null;
    }

    private sealed record Site(string Id, string File, ulong Seed);
}
