using PlateletTwins.SimulatorService.Devices;

namespace PlateletTwins.SimulatorService.Lab.Reporting;

/// <summary>The replications' results as means with 95 % confidence half-widths.</summary>
internal sealed record SummaryReport
{
    public required Estimate WbReceived { get; init; }

    public required Estimate WbSeparated { get; init; }

    public required Estimate WbExpired { get; init; }

    public required Estimate BcProduced { get; init; }

    public required Estimate PoolsStarted { get; init; }

    public required Estimate PoolsScrapped { get; init; }

    public required Estimate PoolsReleased { get; init; }

    public required Estimate ReleasedPerDay { get; init; }

    public required IReadOnlyDictionary<string, LeadTimeEstimate> LeadTimes { get; init; }

    public required IReadOnlyDictionary<string, Estimate> WipMean { get; init; }

    /// <summary>The device most often the bottleneck, and how often each device was.</summary>
    public required string Bottleneck { get; init; }

    public required IReadOnlyDictionary<string, int> BottleneckVotes { get; init; }

    public required IReadOnlyList<DeviceSummary> Devices { get; init; }

    public static SummaryReport Of(IReadOnlyList<ReplicationReport> replications)
    {
        Estimate E(Func<ReplicationReport, double> value) => Estimate.Of(replications.Select(value));
        var votes = replications.GroupBy(r => r.Bottleneck).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count());
        return new SummaryReport
        {
            WbReceived = E(r => r.WbReceived),
            WbSeparated = E(r => r.WbSeparated),
            WbExpired = E(r => r.WbExpired),
            BcProduced = E(r => r.BcProduced),
            PoolsStarted = E(r => r.PoolsStarted),
            PoolsScrapped = E(r => r.PoolsScrapped),
            PoolsReleased = E(r => r.PoolsReleased),
            ReleasedPerDay = E(r => r.ReleasedPerDay),
            LeadTimes = replications[0].LeadTimes.Keys.ToDictionary(k => k, k => new LeadTimeEstimate(
                E(r => r.LeadTimes[k].Mean), E(r => r.LeadTimes[k].P50), E(r => r.LeadTimes[k].P90), E(r => r.LeadTimes[k].Max))),
            WipMean = replications[0].WipMean.Keys.ToDictionary(k => k, k => E(r => r.WipMean[k])),
            Bottleneck = votes.Keys.First(),
            BottleneckVotes = votes,
            Devices = [.. replications[0].Devices.Select((d, i) => new DeviceSummary(
                d.Id,
                d.StatusShares.Keys.ToDictionary(s => s, s => E(r => r.Devices[i].StatusShares[s])),
                E(r => r.Devices[i].Utilization),
                E(r => r.Devices[i].QueueLengthMean),
                E(r => r.Devices[i].QueueLengthMax),
                E(r => r.Devices[i].Completed),
                E(r => r.Devices[i].Failures),
                E(r => r.Devices[i].DowntimeMinutes)))],
        };
    }
}

internal sealed record LeadTimeEstimate(Estimate Mean, Estimate P50, Estimate P90, Estimate Max);

internal sealed record DeviceSummary(
    string Id,
    IReadOnlyDictionary<DeviceStatus, Estimate> StatusShares,
    Estimate Utilization,
    Estimate QueueLengthMean,
    Estimate QueueLengthMax,
    Estimate Completed,
    Estimate Failures,
    Estimate DowntimeMinutes);
