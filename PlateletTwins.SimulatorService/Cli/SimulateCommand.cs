using System.Globalization;
using System.Text.Json;
using PlateletTwins.SimulatorService.Devices;
using PlateletTwins.SimulatorService.Lab.Configuration;
using PlateletTwins.SimulatorService.Lab.Reporting;
using PlateletTwins.SimulatorService.Lab.Running;

namespace PlateletTwins.SimulatorService.Cli;

/// <summary>
/// <c>simulate --hours 36 --seed 1 --replications 30 --profile normal|stress --lab lab.json --json report.json --trace updates.jsonl</c>:
/// a headless run, no other service needed; with <c>--json</c>, an HTML report with charts is written next to the JSON. <c>--write-lab lab.json</c> writes the reference lab file to start from;
/// <c>--write-layout layout.json</c> the lab's devices and feeds for the ingestion service's <c>provision</c> command.
/// </summary>
public static class SimulateCommand
{
    public const string Name = "simulate";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        Dictionary<string, string> flags;
        try
        {
            flags = ParseFlags(args);
        }
        catch (ArgumentException problem)
        {
            error.WriteLine(problem.Message);
            error.WriteLine(Usage);
            return 2;
        }
        if (flags.TryGetValue("write-lab", out var labFile))
        {
            File.WriteAllText(labFile, LabFile.Write(ReferenceLab.Create()));
            output.WriteLine($"The reference lab is in {labFile}.");
            return 0;
        }
        if (flags.TryGetValue("write-layout", out var layoutFile))
        {
            // The lab's devices and feeds in the shape the ingestion service's provision command reads.
            var lab = flags.TryGetValue("lab", out var path) ? LabFile.Load(path) : ReferenceLab.Create();
            var layout = Streaming.StartMessage.For("layout", new RunOptions { Lab = lab }, "max", DateTimeOffset.UnixEpoch).Lab;
            File.WriteAllText(layoutFile, JsonSerializer.Serialize(layout, LabFile.Options));
            output.WriteLine($"The lab's layout is in {layoutFile}.");
            return 0;
        }
        RunOptions options;
        try
        {
            options = new RunOptions
            {
                Hours = double.Parse(flags.GetValueOrDefault("hours", "36"), CultureInfo.InvariantCulture),
                Seed = ulong.Parse(flags.GetValueOrDefault("seed", "1"), CultureInfo.InvariantCulture),
                Replications = int.Parse(flags.GetValueOrDefault("replications", "1"), CultureInfo.InvariantCulture),
                Profile = flags.GetValueOrDefault("profile", "normal"),
                Lab = flags.TryGetValue("lab", out var labPath) ? LabFile.Load(labPath) : ReferenceLab.Create(),
            };
            _ = options.EffectiveLab;
        }
        catch (Exception problem) when (problem is FormatException or OverflowException or ArgumentException or IOException or JsonException)
        {
            error.WriteLine(problem.Message);
            error.WriteLine(Usage);
            return 2;
        }

        StreamWriter? trace = flags.TryGetValue("trace", out var tracePath) ? new StreamWriter(tracePath) { NewLine = "\n" } : null;
        var jsonPath = flags.GetValueOrDefault("json");
        // The HTML report's charts over time need the first replication's updates.
        List<DeviceUpdate>? firstReplication = jsonPath is null ? null : [];
        RunReport report;
        using (trace)
        {
            Action<DeviceUpdate>? observe = (trace, firstReplication) switch
            {
                (null, null) => null,
                (null, { } list) => list.Add,
                ({ } writer, null) => update => writer.WriteLine(DeviceUpdateJson.Line(update)),
                ({ } writer, { } list) => update =>
                {
                    writer.WriteLine(DeviceUpdateJson.Line(update));
                    list.Add(update);
                },
            };
            report = ReplicationRunner.Run(options, observe);
        }
        if (jsonPath is not null)
        {
            File.WriteAllText(jsonPath, JsonSerializer.Serialize(report, LabFile.Options));
            File.WriteAllText(Path.ChangeExtension(jsonPath, ".html"), HtmlReport.Render(report, firstReplication!));
        }
        output.Write(ReportTable.Render(report));
        return 0;
    }

    public const string Usage =
        "usage: simulate [--hours 36] [--seed 1] [--replications 1] [--profile normal|stress] [--lab lab.json] [--json report.json] [--trace updates.jsonl] | --write-lab lab.json | --write-layout layout.json [--lab lab.json]";

    private static Dictionary<string, string> ParseFlags(string[] args)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }
            var name = args[i][2..];
            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"--{name} needs a value.");
            }
            flags[name] = args[++i];
        }
        return flags;
    }
}
