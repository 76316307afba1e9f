using System.Diagnostics;
using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PlateletTwins.Tests.MockAdt.Pools;

/// <summary>
/// The pool queries on a year's graph (<see cref="PoolScaleGraph"/>, 20,000 pool twins and their relationships):
/// each answered right, and its latency printed (every page, over loopback HTTP, after an untimed run; this test's
/// build, so a Debug run measures a Debug MockAdt: the pools benchmark measures a Release one).
/// </summary>
public sealed class PoolQueryScaleTests(ITestOutputHelper output)
{
    private const int Pools = 20_000;
    private const int Runs = 7;

    [Fact]
    public async Task Each_pool_query_answers_right_on_20000_pools_and_its_latency_is_printed()
    {
        // History off: the measure is the query engine's, and the graph is written faster.
        await using var host = await MockAdtHost.StartAsync(new Dictionary<string, string?> { ["MockAdt:History:Enabled"] = "false" });
        using var client = host.CreateClient();
        await PoolTwins.UploadModelsAsync(client);
        var clock = Stopwatch.StartNew();
        var graph = PoolScaleGraph.Write(host.Services, Pools);
        output.WriteLine($"{Pools} pools, {Pools + PoolScaleGraph.InLab} relationships written in process in {clock.Elapsed.TotalSeconds:0.0} s");

        var last = PoolDocuments.PoolTwinId(Pools);
        var expiring = graph.Expiring("O", graph.Now, graph.Now.AddHours(24)).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expiring);
        var checks = new Dictionary<string, Action<IReadOnlyList<JsonNode?>>>
        {
            ["where is a pool"] = rows => Assert.Equal(graph.DeviceOf(last), Assert.Single(rows)!["D"]!["$dtId"]!.GetValue<string>()),
            ["what the agitator holds"] = rows => Assert.Equal(
                graph.HeldBy(PoolDocuments.Agitator).Order(StringComparer.Ordinal), rows.Select(r => r!["P"]!["$dtId"]!.GetValue<string>()).Order(StringComparer.Ordinal)),
            ["how many the agitator holds"] = rows => Assert.Equal(PoolScaleGraph.InLab / 2, Assert.Single(rows)!["COUNT"]!.GetValue<int>()),
            ["group O expiring in 24 h"] = rows => Assert.Equal(expiring, rows.Select(r => r!["$dtId"]!.GetValue<string>()).Order(StringComparer.Ordinal)),
            ["the route of a pool"] = rows => Assert.Equal(8, Assert.Single(rows)![ProcessFlowModel.Route]!.AsArray().Count),
            ["the donations of a pool"] = rows => Assert.Equal(PoolDocuments.Donation(5), Assert.Single(rows)![ProcessFlowModel.Donations]![0]!.GetValue<string>()),
            ["the pool that took a donation"] = rows => Assert.Equal(last, Assert.Single(rows)!["$dtId"]!.GetValue<string>()),
        };

        foreach (var (what, query) in PoolQueryLatency.On(graph))
        {
            var measured = await PoolQueryLatency.MeasureAsync(client, what, query, Runs);
            checks[what](measured.Rows);
            output.WriteLine(measured.ToString());
        }
    }
}
