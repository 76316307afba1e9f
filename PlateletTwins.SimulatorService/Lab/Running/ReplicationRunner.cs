using System.Diagnostics;
using PlateletTwins.ServiceDefaults.Configuration;
using PlateletTwins.SimulatorService.Devices;
using PlateletTwins.SimulatorService.Lab.Model;
using PlateletTwins.SimulatorService.Lab.Reporting;
using PlateletTwins.SimulatorService.Randomness;

namespace PlateletTwins.SimulatorService.Lab.Running;

/// <summary>Runs the replications of a run in parallel across cores, each with its own seed derived from the master seed.</summary>
internal static class ReplicationRunner
{
    /// <summary>Runs them; the first replication's device updates and pool steps go to the observers given.</summary>
    public static RunReport Run(RunOptions options, Action<DeviceUpdate>? firstReplicationUpdates = null, Action<PoolStep>? firstReplicationPools = null)
    {
        var clock = Stopwatch.StartNew();
        var lab = options.EffectiveLab;
        var horizon = options.Hours * 60;
        var reports = new ReplicationReport[options.Replications];
        Parallel.For(0, options.Replications, r =>
        {
            var seed = options.Replications == 1 ? options.Seed : RandomStreams.ReplicationSeed(options.Seed, r);
            var pools = r == 0 && firstReplicationPools is not null ? options.PoolTracking(firstReplicationPools) : null;
            var model = new LabModel(lab, seed, r == 0 ? firstReplicationUpdates : null, pools: pools);
            model.RunUntil(horizon);
            reports[r] = ReplicationReport.From(model, r + 1, seed, horizon);
        });
        return new RunReport(
            options.Hours,
            SettingNames.Of(options.Profile),
            options.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            reports,
            SummaryReport.Of(reports),
            reports.Sum(r => r.Events),
            clock.Elapsed.TotalSeconds);
    }
}
