using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PlateletTwins.ServiceDefaults.CommandLine;
using PlateletTwins.ServiceDefaults.Configuration;
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
internal static class SimulateCommand
{
    public const string Name = "simulate";

    private const string Expiry = "expiry";

    private const string DefaultStartTime = "2026-01-01T07:00:00Z";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var hours = OptionRules.PositiveNumber("--hours", "Simulated hours of each replication.", 36);
        var seed = OptionRules.WholeNumber("--seed", "The seed; the same seed and options give a byte-identical trace. Replications derive their own from it.", 1UL, 0UL);
        var replications = OptionRules.WholeNumber("--replications", "Independent replications, run in parallel; the report gives means and 95 % confidence half-widths over them.", 1, 1);
        var profile = OptionRules.OneOf("--profile", "normal, or stress: every device's mean time between failures divided by 20.", [.. SettingNames.Of<RunProfile>()]);
        var lab = OptionRules.InputFile("--lab", "A lab file: the whole lab, or \"basedOn\": \"reference\" and what differs (docs/lab-file.md). Default: the reference lab.", "lab.json");
        var json = OptionRules.OutputFile("--json", "The report as JSON with every replication, and an HTML report with charts next to it (.html).", "report.json");
        var traceFile = OptionRules.OutputFile("--trace", "Every device update of the first replication, one JSON line each.", "updates.jsonl");
        var poolsFile = OptionRules.OutputFile("--pools", "Every pool's record (the first replication's), one JSON line each: its twin id, group, donations, times, route, outcome, scrap reason, and when its twin is deleted (null when it outlives the run).", "pools.jsonl");
        var poolRetention = OptionRules.Duration("--pool-retention", $"A released or scrapped pool's twin is deleted at its expiry ('{Expiry}', the default), or this long after its end, d.hh:mm:ss (simulated time; 0 or 00:00:00 = at once); the service reads Streaming:PoolRetention.", Expiry);
        poolRetention.HelpName = $"{Expiry}|d.hh:mm:ss";
        var startTime = OptionRules.Instant("--start-time", $"The instant of simulated time zero in --pools (the service's Streaming:StartTime). Default: {DefaultStartTime}.");
        var writeLab = OptionRules.OutputFile("--write-lab", $"Writes the reference lab's complete file to start from, and {LabFile.SchemaFileName} beside it for editors; runs nothing.", "lab.json");
        var writeLayout = OptionRules.OutputFile("--write-layout", "Writes the lab's devices and feeds (--lab's, else the reference lab's) for the ingestion service's provision command; runs nothing.", "layout.json");

        var command = ServiceCommand.Create(Name, "Runs the lab headless, no other service needed, and prints its report.");
        foreach (var option in new Option[] { hours, seed, replications, profile, lab, json, traceFile, poolsFile, poolRetention, startTime, writeLab, writeLayout })
        {
            command.Options.Add(option);
        }
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(writeLab) is { } labFile)
            {
                return WriteLab(labFile, output);
            }
            if (parsed.GetValue(writeLayout) is { } layoutFile)
            {
                return WriteLayout(layoutFile, parsed.GetValue(lab), output, error);
            }
            RunOptions options;
            try
            {
                options = new RunOptions
                {
                    Hours = parsed.GetValue(hours),
                    Seed = parsed.GetValue(seed),
                    Replications = parsed.GetValue(replications),
                    Profile = Enum.Parse<RunProfile>(parsed.GetRequiredValue(profile), ignoreCase: true),
                    Lab = parsed.GetValue(lab) is { } labPath ? LabFile.Load(labPath) : ReferenceLab.Create(),
                    PoolRetention = parsed.GetValue(poolRetention),
                };
                _ = options.EffectiveLab;
            }
            catch (Exception problem) when (problem is LabFileException or IOException)
            {
                // The lab's problems are the answer; the usage would only bury them.
                error.WriteLine(problem.Message);
                return ServiceCommand.UsageError;
            }
            return Simulate(options, parsed.GetValue(traceFile), parsed.GetValue(poolsFile), parsed.GetValue(startTime) ?? DateTimeOffset.Parse(DefaultStartTime, CultureInfo.InvariantCulture), parsed.GetValue(json), output);
        });
        return ServiceCommand.Run(command, args, output, error);
    }

    private static int WriteLab(string labFile, TextWriter output)
    {
        // The schema beside the file, which names it: an editor checks the file against it as it is typed.
        var schemaFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(labFile))!, LabFile.SchemaFileName);
        File.WriteAllText(labFile, LabFile.Write(ReferenceLab.Create()));
        File.WriteAllText(schemaFile, LabSchema.Text);
        output.WriteLine($"The reference lab is in {labFile}, its schema in {schemaFile}.");
        return 0;
    }

    private static int WriteLayout(string layoutFile, string? labPath, TextWriter output, TextWriter error)
    {
        // The lab's devices and feeds in the shape the ingestion service's provision command reads.
        LabConfig lab;
        try
        {
            lab = labPath is not null ? LabFile.Load(labPath) : ReferenceLab.Create();
        }
        catch (Exception problem) when (problem is LabFileException or IOException)
        {
            error.WriteLine(problem.Message);
            return ServiceCommand.UsageError;
        }
        var layout = Streaming.StartMessage.For("layout", new RunOptions { Lab = lab }, "max", DateTimeOffset.UnixEpoch).Lab;
        File.WriteAllText(layoutFile, JsonSerializer.Serialize(layout, LabFile.Options));
        output.WriteLine($"The lab's layout is in {layoutFile}.");
        return 0;
    }

    private static int Simulate(RunOptions options, string? tracePath, string? poolsPath, DateTimeOffset startTime, string? jsonPath, TextWriter output)
    {
        var trace = tracePath is not null ? new StreamWriter(tracePath) { NewLine = "\n" } : null;
        // Every pool of the first replication, written once the run is over, with what became of it.
        List<PoolRecord>? pools = poolsPath is not null ? [] : null;
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
                }
                ,
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
            using var file = new StreamWriter(poolsPath!) { NewLine = "\n" };
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
}
