using PlateletTwins.SimulatorService.Devices;
using PlateletTwins.SimulatorService.Lab.Configuration;
using PlateletTwins.SimulatorService.Lab.Model;

namespace PlateletTwins.SimulatorService.Lab.Reporting;

/// <summary>What one replication of a run reports (the specification's "What a run reports").</summary>
internal sealed record ReplicationReport
{
    public required int Replication { get; init; }

    public required string Seed { get; init; }

    public required int WbReceived { get; init; }

    public required int WbSeparated { get; init; }

    public required int WbExpired { get; init; }

    public required int BcProduced { get; init; }

    public required int PoolsStarted { get; init; }

    public required int PoolsScrapped { get; init; }

    public required int PoolsReleased { get; init; }

    public required double ReleasedPerDay { get; init; }

    public required int PoolsWithShortRest { get; init; }

    public required IReadOnlyDictionary<string, LeadTimeSummary> LeadTimes { get; init; }

    public required IReadOnlyDictionary<string, double> WipMean { get; init; }

    public required string Bottleneck { get; init; }

    public required IReadOnlyList<DeviceReport> Devices { get; init; }

    public required long Events { get; init; }

    public static ReplicationReport From(LabModel lab, int replication, ulong seed, double horizon)
    {
        var statistics = lab.Statistics;
        var devices = lab.Devices.Select(d => DeviceReport.From(d, horizon)).ToList();
        return new ReplicationReport
        {
            Replication = replication,
            Seed = seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            WbReceived = statistics.WbReceived,
            WbSeparated = statistics.WbSeparated,
            WbExpired = statistics.WbExpired,
            BcProduced = statistics.BcProduced,
            PoolsStarted = statistics.PoolsStarted,
            PoolsScrapped = statistics.PoolsScrapped,
            PoolsReleased = statistics.PoolsReleased,
            ReleasedPerDay = statistics.ReleasedPerDay(horizon),
            PoolsWithShortRest = statistics.PoolsWithShortRest,
            LeadTimes = new Dictionary<string, LeadTimeSummary>
            {
                ["collectionToSeparation"] = LeadTimeSummary.Of(statistics.CollectionToSeparation),
                ["bcRest"] = LeadTimeSummary.Of(statistics.BcRest),
                ["poolStartToRelease"] = LeadTimeSummary.Of(statistics.PoolStartToRelease),
                ["collectionToRelease"] = LeadTimeSummary.Of(statistics.CollectionToRelease),
            },
            WipMean = new Dictionary<string, double>
            {
                ["wholeBlood"] = statistics.WholeBlood.Mean(horizon),
                ["buffyCoats"] = statistics.BuffyCoats.Mean(horizon),
                ["pools"] = statistics.Pools.Mean(horizon),
            },
            Bottleneck = BottleneckOf(lab, devices),
            Devices = devices,
            Events = lab.ProcessedEvents,
        };
    }

    /// <summary>The device with the highest Processing + Failed share; storage devices hold rather than work.</summary>
    public static string BottleneckOf(LabModel lab, IReadOnlyList<DeviceReport> devices) =>
        devices.Where((d, i) => lab.Devices[i].Config.Role != DeviceRole.Storage)
            .OrderByDescending(d => d.StatusShares[DeviceStatus.Processing] + d.StatusShares[DeviceStatus.Failed])
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .First().Id;
}

internal sealed record DeviceReport(
    string Id,
    IReadOnlyDictionary<DeviceStatus, double> StatusShares,
    double Utilization,
    double QueueLengthMean,
    int QueueLengthMax,
    int Completed,
    int Failures,
    double DowntimeMinutes)
{
    public static DeviceReport From(DeviceRuntime device, double horizon)
    {
        var statistics = device.Statistics;
        return new DeviceReport(
            device.Id,
            Enum.GetValues<DeviceStatus>().ToDictionary(s => s, s => statistics.StatusMinutes(s, horizon) / horizon),
            statistics.Utilization(horizon, device.Config.Capacity),
            statistics.QueueLengthMean(horizon),
            statistics.QueueMax,
            statistics.Completed,
            statistics.Failures,
            // Downtime of a repair still under way at the end counts up to the end.
            statistics.DowntimeMinutes + (device.Failed ? horizon - device.FailedSince : 0));
    }
}
