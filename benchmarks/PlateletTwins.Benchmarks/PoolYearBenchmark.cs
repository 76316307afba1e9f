using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.SimulatorService.Devices;
using PlateletTwins.SimulatorService.Diagnostics;
using PlateletTwins.SimulatorService.Lab.Model;
using PlateletTwins.SimulatorService.Lab.Running;
using PlateletTwins.SimulatorService.Streaming;
using PlateletTwins.Tests.Ingestion;

namespace PlateletTwins.Benchmarks;

/// <summary>
/// Pools as twins at scale: days of the reference lab (a year makes about 20,000 pools) streamed at full speed through
/// the ingestion service into MockAdt's cloud profile, every pool created, moved from device to device and deleted
/// once its retention (until expiry) is over. Timed to the moment the run has nothing pending, set against the floor
/// that ADT's 10 writes a second per twin puts under it, then checked against the simulator's own record of the same
/// run: each pool twin and relationship created and deleted once in ADT's lifecycle history, the graph at the end the
/// simulator's, and nothing refused on the way.
/// </summary>
internal static class PoolYearBenchmark
{
    /// <summary>A seed of the simulator part's year with pools, which makes about 19,700 of them.</summary>
    private const ulong Seed = 7;
    private const RunProfile Profile = RunProfile.Normal;
    private const string RunId = "run-pool-year";
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 7, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(int days)
    {
        var run = new RunOptions { Hours = days * 24, Seed = Seed, Profile = Profile };
        var lab = run.EffectiveLab.Id;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Pools as twins, {days} simulated days at full speed: the reference lab ({PlateletTwins.ServiceDefaults.Configuration.SettingNames.Of(Profile)} profile), seed {Seed}, pool twins kept until expiry; MockAdt `cloud` with its data history in a process of its own, the ingestion service and the simulator in this one, {Environment.ProcessorCount} cores"));
        var record = SimulatorRecord.Of(run);

        await using var adt = await MockAdtHarness.StartProcessAsync("cloud", new Dictionary<string, string>
        {
            ["MockAdt:History:Enabled"] = "true",
            [MockAdtHarness.ThrottleLogLevel.Key] = MockAdtHarness.ThrottleLogLevel.Value,
        });
        await using var ingestion = await IngestionHarness.StartAsync(adt);
        using var failed = new CounterProbe("platelet.ingestion.writes.failed", "error.type");
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        using var meters = new IngestionBenchmark.MeterFactoryForBenchmark();
        using var telemetry = new SimulatorTelemetry(meters);
        var options = new StreamingOptions { Speed = "max", Hours = run.Hours, Seed = Seed, Profile = Profile, IntakeKey = IngestionHarness.Key, StartTime = Start };
        var streamer = new RunStreamer(new IngestionClient(ingestion.Client, Options.Create(options), TimeProvider.System), telemetry, options, TimeProvider.System,
            loggers.CreateLogger<RunStreamer>());

        var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var adtCpu = adt.ProcessCpuTime;
        var loadBefore = ReportText.LoadAverage();
        var clock = Stopwatch.StartNew();
        using var progress = new CancellationTokenSource();
        var reporting = ReportProgressAsync(ingestion.Client, clock, progress.Token);
        await streamer.RunAsync(RunId, run, CancellationToken.None);
        var status = await PoolReads.WaitUntilDoneAsync(ingestion.Client, RunId, TimeSpan.FromMinutes(10));
        var elapsed = clock.Elapsed;
        await progress.CancelAsync();
        await reporting;
        ownCpu = Process.GetCurrentProcess().TotalProcessorTime - ownCpu;
        adtCpu = adt.ProcessCpuTime - adtCpu;

        var refusals = await WriteRefusals.ReadAsync(adt, ingestion, failed);

        var changes = status["changes"]!;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {record.Pools.Count:N0} pools started, {record.Pools.Count(p => p.DeletedAt is not null):N0} deleted within the run, {record.Pools.Count(p => p.DeletedAt is null):N0} kept at its end; {record.Writes.Requests:N0} lifecycle changes made, {Count(changes, "accepted"):N0} accepted, {Count(changes, "acknowledged"):N0} acknowledged, {Count(changes, "superseded"):N0} superseded, {Count(changes, "deadLettered"):N0} dead-lettered"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  time to nothing pending: {elapsed.TotalMinutes:0.00} min ({elapsed.TotalSeconds:0} s); CPU: MockAdt {adtCpu.TotalSeconds:0} s, this process (ingestion and simulator) {ownCpu.TotalSeconds:0} s; load average {loadBefore} at the start, {ReportText.LoadAverage()} at the end"));
        var (busiest, writes) = record.Writes.Busiest;
        var floor = TimeSpan.FromSeconds(writes / 10.0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  ADT floor: the busiest twin, {busiest}, takes {writes:N0} of the pools' lifecycle writes (the twin and relationship creates, moves and deletes it is an end of; property patches are left out, since they coalesce) = {floor.TotalMinutes:0.00} min at 10 writes/s; elapsed/floor {elapsed / floor:0.00}; next: {string.Join(", ", record.Writes.Top(4).Skip(1).Select(t => $"{t.TwinId} {t.Writes:N0}"))}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  (the instance's 500 creates and deletes a second would take {record.Writes.Requests / 500.0 / 60:0.00} min for the {record.Writes.Requests:N0} changes)"));

        var checks = new Checks();
        var twinRows = await PoolReads.TwinLifecycleAsync(adt.Client);
        var relationshipRows = await PoolReads.RelationshipLifecycleAsync(adt.Client);
        CheckTwinLifecycle(checks, record, twinRows);
        CheckRelationshipLifecycle(checks, record, lab, relationshipRows);
        await CheckGraphAsync(checks, adt.Client, lab, record);
        var exact = await IngestionBenchmark.ExactDevicesAsync(adt.Client, record.Twins, record.LastUpdates.Values);
        checks.Add(exact == record.LastUpdates.Count, $"device twins hold the simulator's last update: {exact}/{record.LastUpdates.Count}");
        refusals.Check(checks);
        return checks.Conclude();
    }

    /// <summary>Each pool twin of the record created once in ADT's twin lifecycle table, deleted once if the simulator deleted it, else never; no other.</summary>
    private static void CheckTwinLifecycle(Checks checks, SimulatorRecord record, List<(string TwinId, string Action)> rows)
    {
        var byTwin = rows.Where(r => r.TwinId.StartsWith(record.Twins.Pool(""), StringComparison.Ordinal)).GroupBy(r => r.TwinId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Action).ToList(), StringComparer.Ordinal);
        var expected = record.Pools.ToDictionary(p => record.Twins.Pool(p.PoolId), StringComparer.Ordinal);
        var created = 0;
        var deleted = 0;
        var wrong = new List<string>();
        foreach (var (id, pool) in expected)
        {
            var actions = byTwin.GetValueOrDefault(id) ?? [];
            string[] want = pool.DeletedAt is null ? ["Create"] : ["Create", "Delete"];
            created += actions.Count(a => a == "Create") == 1 ? 1 : 0;
            deleted += pool.DeletedAt is not null && actions.Count(a => a == "Delete") == 1 ? 1 : 0;
            if (!actions.SequenceEqual(want))
            {
                wrong.Add($"{id}: {string.Join(' ', actions)}");
            }
        }
        var others = byTwin.Keys.Where(id => !expected.ContainsKey(id)).ToList();
        var deletions = record.Pools.Count(p => p.DeletedAt is not null);
        checks.Add(wrong.Count == 0 && others.Count == 0, string.Create(CultureInfo.InvariantCulture,
            $"pool twins in ADT's twin lifecycle history: created once {created:N0}/{expected.Count:N0}, deleted once {deleted:N0}/{deletions:N0} (the simulator's deletions), {wrong.Count} otherwise{ReportText.Sample(wrong)}, {others.Count} not in the record{ReportText.Sample(others)}"));
    }

    /// <summary>
    /// Each pool's two relationships created once and deleted once if the simulator ended them (<c>processedBy</c> at
    /// the pool's end, <c>locatedAt</c> with its twin), else never; created on its first device and the lab, and
    /// <c>processedBy</c> deleted from its last device (the moves between are updates, with no lifecycle row).
    /// </summary>
    private static void CheckRelationshipLifecycle(Checks checks, SimulatorRecord record, string lab, List<(string Id, string Action, string Source, string Target)> rows)
    {
        var bySource = rows.Where(r => r.Source.StartsWith(record.Twins.Pool(""), StringComparison.Ordinal)).GroupBy(r => r.Source, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var wrong = new List<string>();
        var relationships = 0;
        var deletions = 0;
        foreach (var pool in record.Pools)
        {
            var twin = record.Twins.Pool(pool.PoolId);
            var own = bySource.GetValueOrDefault(twin) ?? [];
            var expected = new List<(string Id, string Action, string Source, string Target)> { (ProcessFlowModel.LocatedAtId(twin), "Create", twin, lab) };
            expected.Add((ProcessFlowModel.ProcessedById(twin), "Create", twin, record.Twins.Device(pool.Route[0].DeviceId)));
            if (pool.Outcome is not null)
            {
                expected.Add((ProcessFlowModel.ProcessedById(twin), "Delete", twin, record.Twins.Device(pool.Route[^1].DeviceId)));
            }
            if (pool.DeletedAt is not null)
            {
                expected.Add((ProcessFlowModel.LocatedAtId(twin), "Delete", twin, lab));
            }
            relationships += 2;
            deletions += expected.Count - 2;
            // In the order of each relationship's own life; the two relationships' rows may interleave.
            foreach (var id in new[] { ProcessFlowModel.LocatedAtId(twin), ProcessFlowModel.ProcessedById(twin) })
            {
                var found = own.Where(r => r.Id == id).ToList();
                var want = expected.Where(r => r.Id == id).ToList();
                if (!found.SequenceEqual(want))
                {
                    wrong.Add($"{id}: {string.Join(' ', found.Select(r => $"{r.Action}->{r.Target}"))}, the record's {string.Join(' ', want.Select(r => $"{r.Action}->{r.Target}"))}");
                }
            }
        }
        var others = bySource.Keys.Except(record.Pools.Select(p => record.Twins.Pool(p.PoolId)), StringComparer.Ordinal).ToList();
        checks.Add(wrong.Count == 0 && others.Count == 0, string.Create(CultureInfo.InvariantCulture,
            $"pool relationships in ADT's relationship lifecycle history: {relationships:N0} each created once and {deletions:N0} deleted once as the record has them, {wrong.Count} otherwise{ReportText.Sample(wrong)}, {others.Count} pool twins not in the record{ReportText.Sample(others)}"));
    }

    /// <summary>The pool twins left in ADT are the record's retained pools at their last stage, route and relationships (the query lags writes by up to 10 s on ADT).</summary>
    private static async Task CheckGraphAsync(Checks checks, HttpClient adt, string lab, SimulatorRecord record)
    {
        var retained = record.Pools.Where(p => p.DeletedAt is null).ToList();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await PoolGraph.MembershipAsync(adt, lab, retained.Select(p => record.Twins.Pool(p.PoolId))) is { Length: > 0 } && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }
        var differences = await PoolGraph.DifferencesAsync(adt, record.Twins, retained);
        checks.Add(differences.Count == 0, string.Create(CultureInfo.InvariantCulture,
            $"the pool twins left in ADT are the simulator's {retained.Count:N0} retained pools, each at its last stage, route and device: {differences.Count} differences{ReportText.Sample(differences)}"));
    }

    private static async Task ReportProgressAsync(HttpClient intake, Stopwatch clock, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromMinutes(1), cancellationToken);
                using var response = await intake.GetAsync($"/api/runs/{RunId}", cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    continue;
                }
                var status = (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!;
                var changes = status["changes"]!;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  … {clock.Elapsed.TotalMinutes:0} min: {Count(changes, "acknowledged"):N0} changes acknowledged of {Count(changes, "accepted"):N0} accepted, {Count(changes, "pending"):N0} pending; {Count(status["updates"]!, "pending"):N0} updates pending"));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static long Count(JsonNode counts, string name) => counts[name]!.GetValue<long>();

    /// <summary>
    /// The simulator's own record of the run, from the same lab and seed as the streamer runs: every pool as it is at
    /// the end, each device's last update, and the lifecycle writes of the pool twins' changes as ADT charges them to
    /// each twin's budget. The messages are counted as made and dropped: a year's would not fit beside the run.
    /// </summary>
    private sealed record SimulatorRecord(LabTwins Twins, List<PoolRecord> Pools, Dictionary<string, DeviceUpdate> LastUpdates, LifecycleWrites Writes)
    {
        public static SimulatorRecord Of(RunOptions run)
        {
            var pools = new List<PoolRecord>();
            var last = new Dictionary<string, DeviceUpdate>(StringComparer.Ordinal);
            var writes = new LifecycleWrites();
            var twins = new LabTwins(run.EffectiveLab);
            var messages = new PoolMessages(RunId, twins, Start, TimeProvider.System);
            var produced = new List<Outgoing>();
            var model = new PlateletTwins.SimulatorService.Lab.Model.LabModel(run.EffectiveLab, run.Seed, u => last[u.DeviceId] = u, pools: run.PoolTracking(step =>
            {
                if (step.Kind == PoolStepKind.Started)
                {
                    pools.Add(step.Pool);
                }
                messages.Append(step, produced);
                foreach (var change in produced.Select(m => m.Change).OfType<TwinChangeMessage>())
                {
                    writes.Add(change);
                }
                produced.Clear();
            }));
            model.RunUntil(run.Hours * 60);
            return new SimulatorRecord(twins, pools, last, writes);
        }
    }

    /// <summary>
    /// The writes ADT charges to each twin's own budget of 10 a second, as MockAdt's limits charge them: a twin's create
    /// or delete the twin; a relationship's put or delete its source, its target and, when a put moves it, its old target.
    /// </summary>
    private sealed class LifecycleWrites
    {
        private readonly Dictionary<string, long> _byTwin = new(StringComparer.Ordinal);
        // Each relationship's target in ADT as the changes leave it, by (source, relationship id).
        private readonly Dictionary<(string, string), string> _targets = [];

        /// <summary>Changes made, each one request to ADT.</summary>
        public long Requests { get; private set; }

        public (string TwinId, long Writes) Busiest => Top(1).First();

        public IEnumerable<(string TwinId, long Writes)> Top(int count) =>
            _byTwin.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(count).Select(p => (p.Key, p.Value));

        public void Add(TwinChangeMessage change)
        {
            Requests++;
            var charged = new HashSet<string>(StringComparer.Ordinal) { change.TwinId };
            if (change.Relationship is { } relationship)
            {
                var key = (change.TwinId, relationship.Id);
                if (_targets.TryGetValue(key, out var current))
                {
                    charged.Add(current);
                }
                if (change.Kind == TwinChangeKind.PutRelationship)
                {
                    charged.Add(relationship.TargetId!);
                    _targets[key] = relationship.TargetId!;
                }
                else
                {
                    _targets.Remove(key);
                }
            }
            foreach (var twin in charged)
            {
                _byTwin[twin] = _byTwin.GetValueOrDefault(twin) + 1;
            }
        }
    }
}
