using System.Text.Json.Nodes;
using PlateletTwins.SimulatorService.Lab.Model;
using PlateletTwins.SimulatorService.Lab.Reporting;

namespace PlateletTwins.SimulatorService.Streaming;

/// <summary>The run's own twin (the Simulation model): its simulated clock and its KPIs so far, as an update.</summary>
public static class RunKpis
{
    public static TwinUpdateMessage Update(string runId, long sequence, LabModel lab, DateTimeOffset startTime, bool completed, DateTimeOffset createdAt)
    {
        var minutes = lab.Now;
        var statistics = lab.Statistics;
        var report = ReplicationReport.From(lab, 1, 0, Math.Max(minutes, 1e-9));
        return new TwinUpdateMessage(
            runId,
            sequence,
            startTime.AddMinutes(minutes),
            new JsonObject
            {
                ["status"] = completed ? "Completed" : "Running",
                ["simulatedMinutes"] = minutes,
                ["wbReceived"] = statistics.WbReceived,
                ["wbSeparated"] = statistics.WbSeparated,
                ["wbExpired"] = statistics.WbExpired,
                ["bcProduced"] = statistics.BcProduced,
                ["poolsStarted"] = statistics.PoolsStarted,
                ["poolsScrapped"] = statistics.PoolsScrapped,
                ["poolsReleased"] = statistics.PoolsReleased,
                ["releasedPerDay"] = report.ReleasedPerDay,
                ["wipPools"] = report.WipMean["pools"],
                ["bottleneck"] = report.Bottleneck,
            },
            null,
            createdAt);
    }
}
