using System.Text.Json.Nodes;
using PlateletTwins.SimulatorService.Lab.Model;
using PlateletTwins.SimulatorService.Lab.Reporting;

namespace PlateletTwins.SimulatorService.Streaming;

/// <summary>The run's own twin (the Simulation model): its simulated clock and its KPIs so far, as an update.</summary>
public static class RunKpis
{
    public static TwinUpdateMessage Update(string runId, long sequence, LabModel lab, DateTimeOffset startTime, bool completed, DateTimeOffset createdAt, StreamCounts? counts = null)
    {
        var minutes = lab.Now;
        var statistics = lab.Statistics;
        // Only what the twin holds: the full report would sort every lead time, every hour of the run.
        var horizon = Math.Max(minutes, 1e-9);
        var devices = lab.Devices.Select(d => DeviceReport.From(d, horizon)).ToList();
        var properties = new JsonObject
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
            ["releasedPerDay"] = statistics.ReleasedPerDay(horizon),
            ["wipPools"] = statistics.Pools.Mean(horizon),
            ["bottleneck"] = ReplicationReport.BottleneckOf(lab, devices),
        };
        if (counts is not null)
        {
            properties["lossless"] = counts.Lossless;
            properties["updatesSent"] = counts.UpdatesSent;
            properties["updatesCoalesced"] = counts.UpdatesCoalesced;
            properties["updatesRefused"] = counts.UpdatesRefused;
            properties["eventsSent"] = counts.EventsSent;
        }
        return new TwinUpdateMessage(runId, sequence, startTime.AddMinutes(minutes), properties, null, createdAt);
    }
}
