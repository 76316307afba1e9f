using System.Text.Json.Nodes;
using PlateletTwins.SimulatorService.Lab.Model;
using PlateletTwins.SimulatorService.Lab.Reporting;
using SimulationModel = PlateletTwins.Dtdl.Lab.SimulationModel;

namespace PlateletTwins.SimulatorService.Streaming;

/// <summary>The run's own twin (the Simulation model): its simulated clock and its KPIs so far, as an update.</summary>
internal static class RunKpis
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
            [SimulationModel.Status] = completed ? SimulationModel.StatusValues.Completed : SimulationModel.StatusValues.Running,
            [SimulationModel.SimulatedMinutes] = minutes,
            [SimulationModel.WbReceived] = statistics.WbReceived,
            [SimulationModel.WbSeparated] = statistics.WbSeparated,
            [SimulationModel.WbExpired] = statistics.WbExpired,
            [SimulationModel.BcProduced] = statistics.BcProduced,
            [SimulationModel.PoolsStarted] = statistics.PoolsStarted,
            [SimulationModel.PoolsScrapped] = statistics.PoolsScrapped,
            [SimulationModel.PoolsReleased] = statistics.PoolsReleased,
            [SimulationModel.ReleasedPerDay] = statistics.ReleasedPerDay(horizon),
            [SimulationModel.WipPools] = statistics.Pools.Mean(horizon),
            [SimulationModel.Bottleneck] = ReplicationReport.BottleneckOf(lab, devices),
        };
        if (counts is not null)
        {
            properties[SimulationModel.Lossless] = counts.Lossless;
            properties[SimulationModel.UpdatesSent] = counts.UpdatesSent;
            properties[SimulationModel.UpdatesCoalesced] = counts.UpdatesCoalesced;
            properties[SimulationModel.UpdatesRefused] = counts.UpdatesRefused;
            properties[SimulationModel.EventsSent] = counts.EventsSent;
        }
        return new TwinUpdateMessage(runId, sequence, startTime.AddMinutes(minutes), properties, null, createdAt);
    }
}
