using System.Diagnostics;
using PlateletTwins.Tests.MockAdt.Pools;

namespace PlateletTwins.Benchmarks;

/// <summary>
/// The pool queries users run (docs/queries.md) on a year's graph, 20,000 pool twins and their relationships written
/// in process: each query's latency over loopback HTTP, every page, after an untimed run.
/// </summary>
internal static class PoolQueryBenchmark
{
    public static async Task RunAsync(int runs = 21)
    {
        await using var adt = await MockAdtHarness.StartAsync(settings: new() { ["MockAdt:History:Enabled"] = "false" });
        var clock = Stopwatch.StartNew();
        var graph = PoolScaleGraph.Write(adt.Services, 20_000);
        Console.WriteLine($"  {graph.Pools} pools and {graph.Pools + PoolScaleGraph.InLab} relationships written in process in {clock.Elapsed.TotalSeconds:0.0} s");
        foreach (var (what, query) in PoolQueryLatency.On(graph))
        {
            Console.WriteLine($"  {await PoolQueryLatency.MeasureAsync(adt.Client, what, query, runs)}");
        }
    }
}
