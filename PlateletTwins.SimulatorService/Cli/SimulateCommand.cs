using System.Globalization;
using System.Text.Json;
using PlateletTwins.SimulatorService.Devices;
using PlateletTwins.SimulatorService.Lab.Configuration;
using PlateletTwins.SimulatorService.Lab.Model;
using PlateletTwins.SimulatorService.Lab.Reporting;
using PlateletTwins.SimulatorService.Lab.Running;

namespace PlateletTwins.SimulatorService.Cli;

/// <summary>
/// <c>simulate --hours 36 --seed 1 --replications 30 --profile normal|stress --lab lab.json --json report.json --trace updates.jsonl --pools pools.jsonl</c>:
/// a headless run, no other service needed; with <c>--json</c>, an HTML report with charts is written next to the JSON;
/// with <c>--pools</c>, every pool's record (the first replication's), one line each, its times from <c>--start-time</c>
/// and its twin's deletion by <c>--pool-retention</c> (<c>expiry</c>, the default, or a duration such as <c>1.00:00:00</c>). <c>--write-lab lab.json</c> writes the reference lab's complete file to start from, and its JSON Schema beside it (docs/lab-file.md);
/// <c>--write-layout layout.json</c> the lab's devices and feeds for the ingestion service's <c>provision</c> command.
/// </summary>
public static class SimulateCommand
{
    public const string Name = "simulate";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args is ["--help"] or ["-h"])
        {
            output.WriteLine(Usage);
            return 0;
        }
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
            // The schema beside the file, which names it: an editor checks the file against it as it is typed.
            var schemaFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(labFile))!, LabFile.SchemaFileName);
            File.WriteAllText(labFile, LabFile.Write(ReferenceLab.Create()));
            File.WriteAllText(schemaFile, LabSchema.Text);
            output.WriteLine($"The reference lab is in {labFile}, its schema in {schemaFile}.");
            return 0;
        }
        if (flags.TryGetValue("write-layout", out var layoutFile))
        {
            // The lab's devices and feeds in the shape the ingestion service's provision command reads.
            LabConfig lab;
            try
            {
                lab = flags.TryGetValue("lab", out var path) ? LabFile.Load(path) : ReferenceLab.Create();
            }
            catch (Exception problem) when (problem is LabFileException or IOException)
            {
                error.WriteLine(problem.Message);
                return 2;
            }
            var layout = Streaming.StartMessage.For("layout", new RunOptions { Lab = lab }, "max", DateTimeOffset.UnixEpoch).Lab;
            File.WriteAllText(layoutFile, JsonSerializer.Serialize(layout, LabFile.Options));
            output.WriteLine($"The lab's layout is in {layoutFile}.");
            return 0;
        }
        RunOptions options;
        DateTimeOffset startTime;
        try
        {
            options = new RunOptions
            {
                Hours = double.Parse(flags.GetValueOrDefault("hours", "36"), CultureInfo.InvariantCulture),
                Seed = ulong.Parse(flags.GetValueOrDefault("seed", "1"), CultureInfo.InvariantCulture),
                Replications = int.Parse(flags.GetValueOrDefault("replications", "1"), CultureInfo.InvariantCulture),
                Profile = flags.GetValueOrDefault("profile", "normal"),
                Lab = flags.TryGetValue("lab", out var labPath) ? LabFile.Load(labPath) : ReferenceLab.Create(),
                PoolRetention = ParseRetention(flags.GetValueOrDefault("pool-retention", Expiry)),
            };
            startTime = DateTimeOffset.Parse(flags.GetValueOrDefault("start-time", DefaultStartTime), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            _ = options.EffectiveLab;
        }
        catch (LabFileException problem)
        {
            // The lab's problems are the answer; the usage would only bury them.
            error.WriteLine(problem.Message);
            return 2;
        }
        catch (Exception problem) when (problem is FormatException or OverflowException or ArgumentException or IOException or JsonException)
        {
            error.WriteLine(problem.Message);
            error.WriteLine(Usage);
            return 2;
        }

        StreamWriter? trace = flags.TryGetValue("trace", out var tracePath) ? new StreamWriter(tracePath) { NewLine = "\n" } : null;
        // Every pool of the first replication, written once the run is over, with what became of it.
        List<PoolRecord>? pools = flags.ContainsKey("pools") ? [] : null;
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
            report = ReplicationRunner.Run(options, observe, pools is null ? null : step =>
            {
                if (step.Kind == PoolStepKind.Started)
                {
                    pools.Add(step.Pool);
                }
            });
        }
        if (pools is not null)
        {
            using var file = new StreamWriter(flags["pools"]) { NewLine = "\n" };
            var twins = new Streaming.LabTwins(options.EffectiveLab);
            foreach (var pool in pools)
            {
                file.WriteLine(PoolRecordJson.Line(pool, twins, startTime));
            }
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
        "usage: simulate [--hours 36] [--seed 1] [--replications 1] [--profile normal|stress] [--lab lab.json] [--json report.json] [--trace updates.jsonl]\n"
        + "                [--pools pools.jsonl] [--pool-retention expiry|d.hh:mm:ss] [--start-time 2026-01-01T07:00:00Z]\n"
        + "       | --write-lab lab.json | --write-layout layout.json [--lab lab.json]\n"
        + "  --lab             a lab file: the whole lab, or \"basedOn\": \"reference\" and what differs (docs/lab-file.md)\n"
        + "  --write-lab       the reference lab's complete file, and lab.schema.json beside it for editors\n"
        + "  --pools           every pool's record, one JSON line each: its twin id, group, donations, times, route, outcome,\n"
        + "                    scrap reason, and when its twin is deleted (null when it outlives the run)\n"
        + "  --pool-retention  a released or scrapped pool's twin is deleted at its expiry (the default, 'expiry'), or this long\n"
        + "                    after its end (simulated time; 0 or 00:00:00 = at once); the service reads Streaming:PoolRetention\n"
        + "  --start-time      the instant of simulated time zero in --pools (the service's Streaming:StartTime)";

    private const string Expiry = "expiry";

    private const string DefaultStartTime = "2026-01-01T07:00:00Z";

    /// <summary><c>expiry</c> (null: kept until the pool expires) or a non-negative duration, <c>d.hh:mm:ss</c>.</summary>
    private static TimeSpan? ParseRetention(string text)
    {
        if (text == Expiry)
        {
            return null;
        }
        var retention = TimeSpan.Parse(text, CultureInfo.InvariantCulture);
        return retention >= TimeSpan.Zero ? retention : throw new ArgumentException($"--pool-retention {text}: a duration is not negative.");
    }

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
