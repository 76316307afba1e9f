using System.Text;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.SimulatorService.Cli;

namespace PlateletTwins.Tests.Simulator.Lab;

/// <summary>The same seed and configuration give the same event stream, to the last byte; another seed another.</summary>
public sealed class DeterminismTests
{
    private static (byte[] Trace, string Report) Simulate(string seed, string profile = "stress")
    {
        var directory = Directory.CreateTempSubdirectory("platelettwins-trace-");
        try
        {
            var trace = Path.Combine(directory.FullName, "updates.jsonl");
            var json = Path.Combine(directory.FullName, "report.json");
            var exit = SimulateCommand.Run(["--hours", "36", "--seed", seed, "--profile", profile, "--trace", trace, "--json", json], TextWriter.Null, TextWriter.Null);
            Assert.Equal(0, exit);
            return (File.ReadAllBytes(trace), File.ReadAllText(json));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_same_seed_gives_a_byte_identical_trace()
    {
        var first = Simulate("42");
        var second = Simulate("42");
        Assert.True(first.Trace.Length > 10_000);
        Assert.Equal(first.Trace, second.Trace);
    }

    [Fact]
    public void Different_seeds_give_different_traces()
    {
        Assert.NotEqual(Simulate("42").Trace, Simulate("43").Trace);
    }

    [Fact]
    public void The_trace_is_one_JSON_object_per_line()
    {
        var lines = Encoding.UTF8.GetString(Simulate("7", "normal").Trace).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.NotNull(System.Text.Json.Nodes.JsonNode.Parse(line)!["deviceId"]));
    }

    [Fact]
    public void The_report_has_the_fields_lab_managers_and_tools_read()
    {
        var report = System.Text.Json.Nodes.JsonNode.Parse(Simulate("7", "normal").Report)!;
        var summary = report["summary"]!;
        foreach (var field in new[]
        {
            // The KPIs by the names the run's twin gives them, then the report's own fields.
            SimulationModel.WbReceived, SimulationModel.WbSeparated, SimulationModel.WbExpired, SimulationModel.BcProduced, SimulationModel.PoolsStarted,
            SimulationModel.PoolsScrapped, SimulationModel.PoolsReleased, SimulationModel.Bottleneck, "leadTimes", "wipMean", "devices",
        })
        {
            Assert.NotNull(summary[field]);
        }
        var device = summary["devices"]![0]!;
        foreach (var field in new[] { "id", "statusShares", "utilization", "queueLengthMean", "queueLengthMax", "completed", "failures", "downtimeMinutes" })
        {
            Assert.NotNull(device[field]);
        }
        Assert.NotNull(report["replications"]![0]!["devices"]);
        Assert.True(report["events"]!.GetValue<long>() > 0);
        Assert.NotNull(report["wallSeconds"]);
    }

    [Fact]
    public void The_reports_status_shares_are_keyed_by_the_statuses_as_the_twins_name_them()
    {
        var report = System.Text.Json.Nodes.JsonNode.Parse(Simulate("7", "normal").Report)!;
        string[] statuses = ["Idle", "Processing", "Blocked", "Failed"];
        foreach (var devices in new[] { report["summary"]!["devices"]!.AsArray(), report["replications"]![0]!["devices"]!.AsArray() })
        {
            Assert.NotEmpty(devices);
            Assert.All(devices, device => Assert.Equal(statuses, device!["statusShares"]!.AsObject().Select(share => share.Key)));
        }
    }
}
