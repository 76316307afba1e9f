using System.Globalization;
using System.Net;
using System.Text;
using PlateletTwins.SimulatorService.Devices;

namespace PlateletTwins.SimulatorService.Lab.Reporting;

/// <summary>
/// The run report as one self-contained HTML file (inline CSS and SVG, no script, nothing fetched): a Gantt chart of
/// every device's status over the first replication, the status shares per device over all replications, each
/// device's queue length over time, and the KPIs with their 95 % confidence intervals.
/// </summary>
internal static class HtmlReport
{
    /// <summary>Time is drawn in this many columns: a column shows the status that held longest in it, so a year's
    /// run draws as fast as a day's.</summary>
    public const int Columns = 960;

    private const int LabelWidth = 150;
    private const int RowHeight = 22;

    public static readonly IReadOnlyDictionary<DeviceStatus, string> Colours = new Dictionary<DeviceStatus, string>
    {
        [DeviceStatus.Idle] = "#b8c0cc",
        [DeviceStatus.Processing] = "#2e9e5b",
        [DeviceStatus.Blocked] = "#f0a020",
        [DeviceStatus.Failed] = "#d43c3c",
    };

    public static string Render(RunReport report, IReadOnlyList<DeviceUpdate> firstReplication)
    {
        var horizon = report.Hours * 60;
        var devices = report.Summary.Devices.Select(d => d.Id).ToList();
        var timelines = devices.ToDictionary(d => d, d => Timeline.Of(firstReplication.Where(u => u.DeviceId == d).ToList(), horizon), StringComparer.Ordinal);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Platelet lab run: {{report.Hours:0.#}} h, {{E(report.Profile)}}, seed {{E(report.Seed)}}</title>
            <style>
            body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d2330;max-width:1200px}
            h1{font-size:22px} h2{font-size:17px;margin-top:32px}
            table{border-collapse:collapse} td,th{padding:4px 10px;border-bottom:1px solid #e3e6eb;text-align:right}
            td:first-child,th:first-child{text-align:left} .legend span{display:inline-block;margin-right:14px}
            .swatch{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px}
            svg text{font:12px system-ui,sans-serif;fill:#1d2330}
            </style></head><body>
            <h1>Platelet lab run</h1>
            <p>{{report.Hours:0.#}} simulated hours, profile <b>{{E(report.Profile)}}</b>, seed {{E(report.Seed)}}, {{report.Replications.Count}} replication(s);
            bottleneck: <b>{{E(report.Summary.Bottleneck)}}</b>. Charts over time show the first replication.</p>
            <p class="legend">{{Legend()}}</p>

            """);
        html.Append("<h2>Status over time</h2>\n").Append(Gantt(devices, timelines, report.Hours));
        html.Append("<h2>Share of time in each status</h2>\n").Append(StatusShares(report.Summary.Devices));
        html.Append("<h2>Queue length over time</h2>\n").Append(QueueLengths(devices, timelines, report.Hours));
        html.Append("<h2>Key figures (mean ± 95 % confidence half-width)</h2>\n").Append(KpiTable(report.Summary));
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Legend() =>
        string.Concat(Colours.Select(c => $"<span><i class=\"swatch\" style=\"background:{c.Value}\"></i>{c.Key}</span>"));

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Gantt(List<string> devices, Dictionary<string, Timeline> timelines, double hours)
    {
        var height = devices.Count * RowHeight + 30;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"gantt\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{LabelWidth + Columns + 30}\" height=\"{height}\" role=\"img\" aria-label=\"Status of every device over time\">\n");
        for (var row = 0; row < devices.Count; row++)
        {
            var y = row * RowHeight;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 15}\">{E(devices[row])}</text>\n<g data-device=\"{E(devices[row])}\">");
            foreach (var (start, end, status) in timelines[devices[row]].Runs())
            {
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth + start}\" y=\"{y + 2}\" width=\"{end - start}\" height=\"{RowHeight - 4}\" fill=\"{Colours[status]}\" data-status=\"{status}\"/>");
            }
            svg.Append("</g>\n");
        }
        svg.Append(TimeAxis(devices.Count * RowHeight, hours));
        return svg.Append("</svg>\n").ToString();
    }

    private static string TimeAxis(int y, double hours)
    {
        var step = hours <= 48 ? 6 : hours <= 24 * 14 ? 24 : 24 * 30;
        var axis = new StringBuilder();
        for (var h = 0.0; h <= hours; h += step)
        {
            var x = LabelWidth + h / hours * Columns;
            axis.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.#}\" y1=\"0\" x2=\"{x:0.#}\" y2=\"{y}\" stroke=\"#00000018\"/><text x=\"{x:0.#}\" y=\"{y + 16}\" text-anchor=\"middle\">{h:0} h</text>\n");
        }
        return axis.ToString();
    }

    private static string StatusShares(IReadOnlyList<DeviceSummary> devices)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"shares\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{LabelWidth + Columns + 10}\" height=\"{devices.Count * RowHeight}\" role=\"img\" aria-label=\"Share of time in each status per device\">\n");
        for (var row = 0; row < devices.Count; row++)
        {
            var y = row * RowHeight;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 15}\">{E(devices[row].Id)}</text>");
            var x = 0.0;
            foreach (var status in Enum.GetValues<DeviceStatus>())
            {
                var share = devices[row].StatusShares.TryGetValue(status, out var estimate) ? estimate.Mean : 0;
                var width = share * Columns;
                if (width > 0)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth + x:0.##}\" y=\"{y + 2}\" width=\"{width:0.##}\" height=\"{RowHeight - 4}\" fill=\"{Colours[status]}\"><title>{status}: {share:P1}</title></rect>");
                    if (width > 40)
                    {
                        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + x + 4:0.##}\" y=\"{y + 15}\">{share:P0}</text>");
                    }
                }
                x += width;
            }
            svg.Append('\n');
        }
        return svg.Append("</svg>\n").ToString();
    }

    private static string QueueLengths(List<string> devices, Dictionary<string, Timeline> timelines, double hours)
    {
        const int height = 48;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"queues\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{LabelWidth + Columns + 30}\" height=\"{devices.Count * (height + 8) + 30}\" role=\"img\" aria-label=\"Queue length of every device over time\">\n");
        for (var row = 0; row < devices.Count; row++)
        {
            var top = row * (height + 8);
            var queue = timelines[devices[row]].MaxQueue;
            var max = Math.Max(1, queue.Max());
            var points = string.Join(' ', queue.Select((q, column) => string.Create(CultureInfo.InvariantCulture, $"{LabelWidth + column},{top + height - q * height / (double)max:0.#}")));
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{top + 20}\">{E(devices[row])}</text><text x=\"0\" y=\"{top + 36}\" fill=\"#667\">max {queue.Max()}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{LabelWidth}\" y1=\"{top + height}\" x2=\"{LabelWidth + Columns}\" y2=\"{top + height}\" stroke=\"#ccd\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<polyline data-device=\"{E(devices[row])}\" fill=\"none\" stroke=\"#3465a4\" stroke-width=\"1.2\" points=\"{points}\"/>\n");
        }
        svg.Append(TimeAxis(devices.Count * (height + 8), hours));
        return svg.Append("</svg>\n").ToString();
    }

    private static string KpiTable(SummaryReport summary)
    {
        var rows = new (string Name, Estimate Value)[]
        {
            ("Whole-blood units received", summary.WbReceived),
            ("Whole-blood units separated", summary.WbSeparated),
            ("Whole-blood units expired", summary.WbExpired),
            ("Buffy coats produced", summary.BcProduced),
            ("Pools started", summary.PoolsStarted),
            ("Pools scrapped", summary.PoolsScrapped),
            ("Pools released", summary.PoolsReleased),
            ("Pools released per day", summary.ReleasedPerDay),
        };
        var table = new StringBuilder("<table id=\"kpis\"><tr><th>Figure</th><th>Mean</th><th>± 95 %</th></tr>\n");
        foreach (var (name, value) in rows)
        {
            table.Append(CultureInfo.InvariantCulture, $"<tr><td>{name}</td><td>{F(value.Mean)}</td><td>{(value.HalfWidth is { } h ? F(h) : "–")}</td></tr>\n");
        }
        foreach (var (name, lead) in summary.LeadTimes)
        {
            table.Append(CultureInfo.InvariantCulture, $"<tr><td>Lead time {E(name)}, mean (min)</td><td>{F(lead.Mean.Mean)}</td><td>{(lead.Mean.HalfWidth is { } h ? F(h) : "–")}</td></tr>\n");
        }
        table.Append("</table>\n<h2>Devices</h2>\n<table id=\"devices\"><tr><th>Device</th><th>Utilization</th><th>Mean queue</th><th>Max queue</th><th>Completed</th><th>Failures</th><th>Downtime (min)</th></tr>\n");
        foreach (var device in summary.Devices)
        {
            table.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(device.Id)}</td><td>{device.Utilization.Mean:P1}</td><td>{F(device.QueueLengthMean.Mean)}</td><td>{F(device.QueueLengthMax.Mean)}</td><td>{F(device.Completed.Mean)}</td><td>{F(device.Failures.Mean)}</td><td>{F(device.DowntimeMinutes.Mean)}</td></tr>\n");
        }
        return table.Append("</table>\n").ToString();
    }

    /// <summary>One device's first-replication updates, folded into <see cref="Columns"/> columns of time.</summary>
    private sealed class Timeline
    {
        private readonly DeviceStatus[] _status = new DeviceStatus[Columns];

        public int[] MaxQueue { get; } = new int[Columns];

        public static Timeline Of(List<DeviceUpdate> updates, double horizon)
        {
            var timeline = new Timeline();
            var time = new double[Columns, 4];
            for (var i = 0; i < updates.Count; i++)
            {
                var start = updates[i].SimulatedMinutes;
                var end = i + 1 < updates.Count ? updates[i + 1].SimulatedMinutes : horizon;
                var first = Column(start, horizon);
                var last = Column(Math.Max(start, end - 1e-9), horizon);
                for (var c = first; c <= last; c++)
                {
                    var columnStart = c * horizon / Columns;
                    var columnEnd = (c + 1) * horizon / Columns;
                    time[c, (int)updates[i].Status] += Math.Min(end, columnEnd) - Math.Max(start, columnStart);
                    timeline.MaxQueue[c] = Math.Max(timeline.MaxQueue[c], updates[i].QueueLength);
                }
            }
            for (var c = 0; c < Columns; c++)
            {
                var longest = 0;
                for (var s = 1; s < 4; s++)
                {
                    if (time[c, s] > time[c, longest])
                    {
                        longest = s;
                    }
                }
                timeline._status[c] = (DeviceStatus)longest;
            }
            return timeline;
        }

        private static int Column(double minute, double horizon) => Math.Clamp((int)(minute / horizon * Columns), 0, Columns - 1);

        /// <summary>Runs of equal status: (first column, column after the last, status).</summary>
        public IEnumerable<(int Start, int End, DeviceStatus Status)> Runs()
        {
            var start = 0;
            for (var c = 1; c <= Columns; c++)
            {
                if (c == Columns || _status[c] != _status[start])
                {
                    yield return (start, c, _status[start]);
                    start = c;
                }
            }
        }
    }
}
