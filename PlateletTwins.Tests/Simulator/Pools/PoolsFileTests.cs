using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.SimulatorService.Cli;

namespace PlateletTwins.Tests.Simulator.Pools;

/// <summary>
/// <c>simulate --pools</c>: the simulator's own record of every pool, one line each, the same for the same seed; and
/// following pools changes nothing else of the run, neither an update of its trace nor a figure of its report.
/// </summary>
public sealed class PoolsFileTests
{
    private static (byte[] Trace, JsonObject Report, string[]? Pools) Simulate(string seed, bool pools, params string[] more)
    {
        var directory = Directory.CreateTempSubdirectory("platelettwins-pools-");
        try
        {
            var trace = Path.Combine(directory.FullName, "updates.jsonl");
            var json = Path.Combine(directory.FullName, "report.json");
            var poolsFile = Path.Combine(directory.FullName, "pools.jsonl");
            string[] args = ["--hours", "72", "--seed", seed, "--profile", "stress", "--trace", trace, "--json", json, .. pools ? new[] { "--pools", poolsFile } : [], .. more];
            Assert.Equal(0, SimulateCommand.Run(args, TextWriter.Null, TextWriter.Null));
            var report = JsonNode.Parse(File.ReadAllText(json))!.AsObject();
            // The one figure a run may not repeat: how long it took.
            report.Remove("wallSeconds");
            return (File.ReadAllBytes(trace), report, pools ? File.ReadAllLines(poolsFile) : null);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Following_pools_changes_no_update_and_no_figure_of_the_run()
    {
        var without = Simulate("5", pools: false);
        var with = Simulate("5", pools: true);
        Assert.True(without.Trace.Length > 10_000);
        Assert.Equal(without.Trace, with.Trace);
        Assert.True(JsonNode.DeepEquals(without.Report, with.Report), "the report differs when pools are followed");
    }

    [Fact]
    public void The_pools_file_has_a_line_per_pool_started_and_is_the_same_for_the_same_seed()
    {
        var first = Simulate("5", pools: true);
        var second = Simulate("5", pools: true, "--pool-retention", "00:00:00");
        var third = Simulate("5", pools: true);
        var lines = first.Pools!;
        Assert.Equal(first.Report["replications"]![0]!["poolsStarted"]!.GetValue<int>(), lines.Length);
        Assert.Equal(lines, third.Pools!);
        var records = lines.Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.All(records, (record, i) =>
        {
            Assert.Equal($"P{i + 1:D6}", record[ProcessFlowModel.PoolId]!.GetValue<string>());
            Assert.Equal(ProcessFlowModel.TwinId("platelet-lab", record[ProcessFlowModel.PoolId]!.GetValue<string>()), record["twinId"]!.GetValue<string>());
            Assert.Equal(5, record[ProcessFlowModel.Donations]!.AsArray().Count);
            Assert.Equal(record[ProcessFlowModel.Donations]!.AsArray().Count, record["collectionTimes"]!.AsArray().Count);
            Assert.Equal(record["collectionTimes"]![0]!.GetValue<string>(), record[ProcessFlowModel.OldestCollectionTime]!.GetValue<string>());
            foreach (var field in new[] { "outcome", ProcessFlowModel.EndTime, ProcessFlowModel.ScrapReason, "deletedAt", "deviceId" })
            {
                Assert.True(record.ContainsKey(field), $"no {field}");
            }
        });
        Assert.Contains(records, r => r[ProcessFlowModel.ScrapReason]?.GetValue<string>() == "illuminator-01 failed");
        // Kept until expiry (the default), no twin of a 72 h run is deleted; deleted at once, every ended one is, at its end.
        Assert.All(records, r => Assert.Null(r["deletedAt"]));
        var atOnce = second.Pools!.Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.All(atOnce, r => Assert.Equal(r[ProcessFlowModel.EndTime]?.GetValue<string>(), r["deletedAt"]?.GetValue<string>()));
        Assert.Contains(atOnce, r => r["deletedAt"] is not null);
    }

    [Fact]
    public void Help_documents_the_pool_options_and_a_bad_retention_is_refused()
    {
        var help = new StringWriter();
        Assert.Equal(0, SimulateCommand.Run(["--help"], help, TextWriter.Null));
        Assert.Contains("--pools", help.ToString(), StringComparison.Ordinal);
        Assert.Contains("--pool-retention", help.ToString(), StringComparison.Ordinal);
        Assert.Contains("Streaming:PoolRetention", help.ToString(), StringComparison.Ordinal);
        var error = new StringWriter();
        Assert.Equal(2, SimulateCommand.Run(["--pool-retention", "-01:00:00"], TextWriter.Null, error));
        Assert.Contains("--pool-retention", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, SimulateCommand.Run(["--pool-retention", "soon"], TextWriter.Null, TextWriter.Null));
    }
}
