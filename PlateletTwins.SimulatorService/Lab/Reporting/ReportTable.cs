using System.Globalization;
using System.Text;
using PlateletTwins.SimulatorService.Devices;

namespace PlateletTwins.SimulatorService.Lab.Reporting;

/// <summary>The run report as a table a lab manager reads in a terminal.</summary>
internal static class ReportTable
{
    public static string Render(RunReport report)
    {
        var s = report.Summary;
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"{report.Hours:0.#} h, profile {report.Profile}, seed {report.Seed}, {report.Replications.Count} replication(s); means ± 95 % CI half-width");
        text.AppendLine();
        text.AppendLine(invariant, $"  WB received {s.WbReceived}   separated {s.WbSeparated}   expired {s.WbExpired}");
        text.AppendLine(invariant, $"  BCs produced {s.BcProduced}");
        text.AppendLine(invariant, $"  pools started {s.PoolsStarted}   scrapped {s.PoolsScrapped}   released {s.PoolsReleased}   per day {s.ReleasedPerDay}");
        text.AppendLine(invariant, $"  WIP (time average): WB {s.WipMean["wholeBlood"]}   BCs {s.WipMean["buffyCoats"]}   pools {s.WipMean["pools"]}");
        text.AppendLine(invariant, $"  bottleneck: {s.Bottleneck} ({string.Join(", ", s.BottleneckVotes.Select(v => $"{v.Key} {v.Value}"))})");
        text.AppendLine();
        text.AppendLine("  lead time (min)            mean                 p50                  p90                  max");
        foreach (var (name, lead) in s.LeadTimes)
        {
            text.AppendLine(invariant, $"  {name,-24} {lead.Mean,-20} {lead.P50,-20} {lead.P90,-20} {lead.Max}");
        }
        text.AppendLine();
        text.AppendLine("  device                 idle           processing     blocked        failed         util           queue mean     queue max   completed   failures");
        foreach (var d in s.Devices)
        {
            text.AppendLine(invariant,
                $"  {d.Id,-22} {Percent(d.StatusShares[DeviceStatus.Idle]),-14} {Percent(d.StatusShares[DeviceStatus.Processing]),-14} {Percent(d.StatusShares[DeviceStatus.Blocked]),-14} {Percent(d.StatusShares[DeviceStatus.Failed]),-14} {Percent(d.Utilization),-14} {d.QueueLengthMean.Mean,-14:0.##} {d.QueueLengthMax.Mean,-11:0.#} {d.Completed.Mean,-11:0.#} {d.Failures.Mean:0.##}");
        }
        text.AppendLine();
        text.AppendLine(invariant, $"  {report.Events:N0} engine events in {report.WallSeconds:0.000} s");
        return text.ToString();
    }

    private static string Percent(Estimate e) => e.HalfWidth is null
        ? string.Create(CultureInfo.InvariantCulture, $"{e.Mean * 100:0.0}%")
        : string.Create(CultureInfo.InvariantCulture, $"{e.Mean * 100:0.0}±{e.HalfWidth * 100:0.0}%");
}
