using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PlateletTwins.MockAdt.Conditions;
using PlateletTwins.MockAdt.Relationships;
using PlateletTwins.MockAdt.Twins;

namespace PlateletTwins.Benchmarks;

/// <summary>The figures of the MockAdt issue: PATCH and GET throughput and latency, memory of a large graph, the cloud profile's per-twin limit.</summary>
internal static class MockAdtBenchmark
{
    private const int Connections = 64;
    private const int TwinCount = 1000;

    public static async Task RunAsync(TimeSpan duration)
    {
        Console.WriteLine($"MockAdt benchmark: {Environment.ProcessorCount} cores, load generator in the same process over loopback, {Connections} connections, {duration.TotalSeconds:0} s per run");
        await ThroughputAsync(duration);
        await HistoryCostAsync(duration);
        await CloudProfileAsync();
        await LargeGraphAsync(twins: 100_000, relationships: 200_000);
    }

    /// <summary>Only what data history costs the PATCH path.</summary>
    public static Task RunHistoryAsync(TimeSpan duration) => HistoryCostAsync(duration);

    /// <summary>Only the large graph's figures (memory and queries).</summary>
    public static async Task RunLargeGraphAsync()
    {
        await LargeGraphAsync(twins: 100_000, relationships: 200_000);
        await LargeGraphOwnProcessAsync(twins: 100_000, relationships: 200_000);
    }

    /// <summary>The same graph written over HTTP into MockAdt in a process of its own, as it runs under the AppHost: that process's working set.</summary>
    private static async Task LargeGraphOwnProcessAsync(int twins, int relationships)
    {
        await using var adt = await MockAdtHarness.StartProcessAsync();
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, twins, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var (id, twin) = GraphTwin(i);
            using var response = await adt.Client.PutAsync($"/digitaltwins/{id}?{MockAdtHarness.ApiVersion}", MockAdtHarness.Json(twin), ct);
            response.EnsureSuccessStatusCode();
        });
        await Parallel.ForAsync(0, relationships, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (r, ct) =>
        {
            var (source, id, relationship) = GraphRelationship(r, twins, relationships);
            using var response = await adt.Client.PutAsync($"/digitaltwins/{source}/relationships/{id}?{MockAdtHarness.ApiVersion}", MockAdtHarness.Json(relationship), ct);
            response.EnsureSuccessStatusCode();
        });
        var created = clock.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  the same graph over HTTP into MockAdt in its own process: working set {adt.ProcessWorkingSet / 1024.0 / 1024.0:N0} MB, written in {created.TotalSeconds:0.0} s  (target < 1 GB)"));
    }

    private static async Task ThroughputAsync(TimeSpan duration)
    {
        // As the history part does: a first instance, not counted, sends the same PATCHes for as long as a run, so that
        // every method on their path has reached its final JIT tier (under load that takes seconds) and the figure is
        // MockAdt's steady rate, not the process's first seconds.
        await using (var warmUp = await MockAdtHarness.StartAsync())
        {
            await warmUp.CreateCentrifugesAsync(TwinCount);
            await LoadGenerator.RunAsync(Connections, duration, PatchOf(warmUp));
        }
        // The warm-up instance's graph and history are garbage now; collected here, not in the measured seconds.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        await using var adt = await MockAdtHarness.StartAsync();
        await adt.CreateCentrifugesAsync(TwinCount);

        var patch = PatchOf(adt);
        Func<int, long, Task<bool>> get = async (worker, n) =>
        {
            var twin = (worker * 7919 + n) % TwinCount;
            using var response = await adt.Client.GetAsync($"/digitaltwins/c{twin}?{MockAdtHarness.ApiVersion}");
            await response.Content.ReadAsByteArrayAsync();
            return response.StatusCode == HttpStatusCode.OK;
        };

        await LoadGenerator.RunAsync(Connections, TimeSpan.FromSeconds(3), patch);
        Report("PATCH /digitaltwins/{id}", await LoadGenerator.RunAsync(Connections, duration, patch), target: "≥ 13,000/s, p99 < 20 ms");
        await LoadGenerator.RunAsync(Connections, TimeSpan.FromSeconds(2), get);
        Report("GET /digitaltwins/{id}", await LoadGenerator.RunAsync(Connections, duration, get), target: "≥ 20,000/s");
    }

    /// <summary>
    /// What data history costs the PATCH path: PATCH throughput with history on and off, alternated twice after a warm-up, each PATCH one
    /// property change; then whether history kept up (every change recorded, the queue drained).
    /// </summary>
    private static async Task HistoryCostAsync(TimeSpan duration)
    {
        var on = new List<double>();
        var off = new List<double>();
        var recorded = "";
        // Round -1 warms the JIT up (tiered compilation, as MockAdt runs) and is not counted.
        for (var round = -1; round < 2; round++)
        {
            foreach (var enabled in (bool[])[false, true])
            {
                await using var adt = await MockAdtHarness.StartAsync(settings: new() { ["MockAdt:History:Enabled"] = enabled ? "true" : "false" });
                await adt.CreateCentrifugesAsync(TwinCount);
                var written = 0L;
                Func<int, long, Task<bool>> patch = async (worker, n) =>
                {
                    var twin = (worker * 7919 + n) % TwinCount;
                    var body = $$"""[{"op":"add","path":"/inUse","value":{{n % 12}}},{"op":"add","path":"/$metadata/inUse/sourceTime","value":"2026-01-05T07:00:00Z"}]""";
                    using var response = await adt.Client.PatchAsync($"/digitaltwins/c{twin}?{MockAdtHarness.ApiVersion}", MockAdtHarness.Patch(body));
                    Interlocked.Increment(ref written);
                    return response.StatusCode == HttpStatusCode.NoContent;
                };
                await LoadGenerator.RunAsync(Connections, TimeSpan.FromSeconds(2), patch);
                var result = await LoadGenerator.RunAsync(Connections, duration / 2, patch);
                if (round < 0)
                {
                    continue;
                }
                (enabled ? on : off).Add(result.PerSecond);
                if (enabled)
                {
                    var feed = adt.Services.GetRequiredService<PlateletTwins.MockAdt.Events.ChangeFeed>();
                    var backlog = feed.Backlog;
                    var drain = Stopwatch.StartNew();
                    while (feed.Backlog > 0)
                    {
                        await Task.Delay(5);
                    }
                    var rows = adt.Services.GetRequiredService<PlateletTwins.MockAdt.History.DataHistory>().AllProperties().Count;
                    recorded = string.Create(CultureInfo.InvariantCulture,
                        $"{rows:N0} rows for {written + TwinCount:N0} property values written (each twin's capacity at creation included), queue at the end {backlog:N0}, drained in {drain.Elapsed.TotalMilliseconds:0} ms");
                }
            }
        }
        var slowdown = 1 - on.Average() / off.Average();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  data history: PATCH with history {on.Average():N0}/s (runs {string.Join(", ", on.Select(v => v.ToString("N0", CultureInfo.InvariantCulture)))}), without {off.Average():N0}/s (runs {string.Join(", ", off.Select(v => v.ToString("N0", CultureInfo.InvariantCulture)))}): {slowdown:P0} slower; {recorded}  (target ≥ 10,000 changes/s kept, < 10 % slower)"));
    }

    // One property change with its source time, to one of the centrifuges, as the ingestion service writes them.
    private static Func<int, long, Task<bool>> PatchOf(MockAdtHarness adt) => async (worker, n) =>
    {
        var twin = (worker * 7919 + n) % TwinCount;
        var body = $$"""[{"op":"add","path":"/inUse","value":{{n % 12}}},{"op":"add","path":"/$metadata/inUse/sourceTime","value":"2026-01-05T07:00:00Z"}]""";
        using var response = await adt.Client.PatchAsync($"/digitaltwins/c{twin}?{MockAdtHarness.ApiVersion}", MockAdtHarness.Patch(body));
        return response.StatusCode == HttpStatusCode.NoContent;
    };

    private static void Report(string what, LoadGenerator.Result result, string target) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {what,-26} {result.PerSecond,9:N0}/s  p50 {result.Latencies.Percentile(0.5),6:0.00} ms  p99 {result.Latencies.Percentile(0.99),6:0.00} ms  failures {result.Failures}  (target {target}); each second: {string.Join(" ", result.PerSecondCounts)}; {result.Gc}; pool threads {ThreadPool.ThreadCount}"));

    /// <summary>100 PATCHes a second to one twin for 5 s under the cloud profile: ADT lets 10 a second through.</summary>
    private static async Task CloudProfileAsync()
    {
        await using var adt = await MockAdtHarness.StartAsync("cloud");
        await adt.CreateCentrifugesAsync(1);
        await Task.Delay(1100);
        const int perSecond = 100;
        const int seconds = 5;
        var accepted = new int[seconds];
        var throttled = new int[seconds];
        var withRetryAfter = 0;
        var sends = new List<Task>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < perSecond * seconds; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }
            var second = i / perSecond;
            var n = i;
            sends.Add(Task.Run(async () =>
            {
                using var response = await adt.Client.PatchAsync($"/digitaltwins/c0?{MockAdtHarness.ApiVersion}",
                    MockAdtHarness.Patch($$"""[{"op":"add","path":"/inUse","value":{{n % 12}}}]"""));
                if (response.StatusCode == HttpStatusCode.NoContent)
                {
                    Interlocked.Increment(ref accepted[second]);
                }
                else if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    Interlocked.Increment(ref throttled[second]);
                    if (response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 })
                    {
                        Interlocked.Increment(ref withRetryAfter);
                    }
                }
            }));
        }
        await Task.WhenAll(sends);
        Console.WriteLine($"  cloud profile, 100 PATCH/s to one twin: accepted per second [{string.Join(", ", accepted)}], 429 per second [{string.Join(", ", throttled)}], 429s with Retry-After ≥ 1 s: {withRetryAfter}/{throttled.Sum()}  (target: 10 a second accepted)");
    }

    /// <summary>
    /// A large graph held in memory, twins and relationships created through the services as the handlers do (half
    /// centrifuges, half separators), then queried over HTTP.
    /// </summary>
    private static async Task LargeGraphAsync(int twins, int relationships)
    {
        await using var adt = await MockAdtHarness.StartAsync();
        var twinService = adt.Services.GetRequiredService<TwinService>();
        var relationshipService = adt.Services.GetRequiredService<RelationshipService>();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        Parallel.For(0, twins, i =>
        {
            var (id, twin) = GraphTwin(i);
            twinService.Put(id, twin, WriteConditions.None);
        });
        Parallel.For(0, relationships, r =>
        {
            var (source, id, relationship) = GraphRelationship(r, twins, relationships);
            relationshipService.Put(source, id, relationship, WriteConditions.None);
        });
        var created = clock.Elapsed;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var workingSet = Process.GetCurrentProcess().WorkingSet64;
        // What the process needs to hold the graph, without the room the collector keeps for speed (and gives back under memory pressure).
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var trimmed = Process.GetCurrentProcess().WorkingSet64;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {twins:N0} twins + {relationships:N0} relationships: {(after - before) / 1024.0 / 1024.0:N0} MB managed heap, working set {workingSet / 1024.0 / 1024.0:N0} MB ({trimmed / 1024.0 / 1024.0:N0} MB after an aggressive collection), created in {created.TotalSeconds:0.0} s  (target < 1 GB)"));

        await QueryAsync(adt, $"SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('{SeparatorModel}')", 20, expectedRows: 1000, "IS_OF_MODEL, first page of 1,000 rows", "< 100 ms");
        await QueryAsync(adt, "SELECT * FROM DIGITALTWINS WHERE $dtId = 'device-4243'", 200, expectedRows: 1, "lookup by $dtId", "< 5 ms");
        await QueryAsync(adt, "SELECT T, C FROM DIGITALTWINS T JOIN C RELATED T.feeds WHERE T.$dtId = 'device-4243'", 200, expectedRows: relationships / twins, "one JOIN from a twin to its related twins", "< 10 ms");
        // device-i feeds device-(i+1) and device-(i+2): one to three hops reach the next six.
        await QueryAsync(adt, "SELECT X.$dtId FROM DIGITALTWINS MATCH (T)-[:feeds*1..3]->(X) WHERE T.$dtId = 'device-4243'", 200, expectedRows: 6, "MATCH of one to three hops from a twin", "none");
        await QueryAsync(adt, "SELECT COUNT() FROM DIGITALTWINS WHERE queueLength > 20", 5, expectedRows: 1, "COUNT with a property filter (a scan of every twin)", "none");
    }

    private const string SeparatorModel = "dtmi:platelettwins:devices:Separator;1";

    /// <summary>Twin i of the large graph: even ones centrifuges, odd ones separators.</summary>
    private static (string Id, JsonNode Twin) GraphTwin(int i) => ($"device-{i}", JsonNode.Parse(
        $$"""{"$metadata":{"$model":"{{(i % 2 == 0 ? MockAdtHarness.CentrifugeModel : SeparatorModel)}}"},"capacity":12,"status":"Idle","inUse":0,"queueLength":{{i % 40}},"utilization":0.0}""")!);

    /// <summary>Relationship r of the large graph: each twin feeds the next ones, as many as there are relationships per twin.</summary>
    private static (string Source, string Id, JsonNode Relationship) GraphRelationship(int r, int twins, int relationships)
    {
        var perTwin = relationships / twins;
        var source = r / perTwin;
        var target = (source + 1 + r % perTwin) % twins;
        return ($"device-{source}", $"feeds-{r % perTwin}", JsonNode.Parse($$"""{"$relationshipName":"feeds","$targetId":"device-{{target}}"}""")!);
    }

    /// <summary>Runs a query <paramref name="runs"/> times over HTTP after two warm-up runs; prints the median and the 95th percentile.</summary>
    private static async Task QueryAsync(MockAdtHarness adt, string query, int runs, int expectedRows, string what, string target)
    {
        var body = new JsonObject { ["query"] = query }.ToJsonString();
        var times = new List<double>();
        string? charge = null;
        for (var i = -2; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await adt.Client.PostAsync($"/query?{MockAdtHarness.ApiVersion}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            var page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            clock.Stop();
            response.EnsureSuccessStatusCode();
            var rows = page["value"]!.AsArray().Count;
            if (rows != expectedRows)
            {
                throw new InvalidOperationException($"{query}: {rows} rows, expected {expectedRows}");
            }
            charge = response.Headers.GetValues("query-charge").Single();
            if (i >= 0)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  query, 100,000 twins, {what}: median {times[times.Count / 2]:0.00} ms, p95 {times[(int)(times.Count * 0.95)]:0.00} ms, query-charge {charge}  (target {target})"));
    }
}
