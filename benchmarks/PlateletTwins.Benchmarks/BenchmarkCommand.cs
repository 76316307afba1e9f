using System.CommandLine;
using System.Globalization;
using PlateletTwins.ServiceDefaults.CommandLine;

namespace PlateletTwins.Benchmarks;

/// <summary>
/// The benchmark's command line, read with the services' rules (<see cref="OptionRules"/>, <see cref="ServiceCommand"/>):
/// a part and its arguments, all four timed parts when none is named; <c>--help</c> lists them, and a bad argument is
/// refused, named, with exit code 2. A part runs in a process of its own with its service's runtime settings
/// (<see cref="ServiceRuntime"/>): this process launches it with the same arguments, which that process reads again.
/// </summary>
internal static class BenchmarkCommand
{
    private const string Simulator = "PlateletTwins.SimulatorService";
    private const string Ingestion = "PlateletTwins.IngestionService";
    private const string MockAdt = "PlateletTwins.MockAdt";

    /// <summary>The parts that measure for a number of seconds (those that take no time of their own ignore it).</summary>
    private static readonly (string Name, string Service, string Description, Func<TimeSpan, Task> Run)[] TimedParts =
    [
        ("simulator", Simulator, "The engine's events a second on M/M/1; the lab's run times and memory.", _ =>
        {
            SimulatorBenchmark.Run();
            return Task.CompletedTask;
        }),
        ("ingestion", Ingestion, "Intake rate, write rate to MockAdt, end-to-end latency, a cloud-profile run.", IngestionBenchmark.RunAsync),
        ("writes", Ingestion, "Only the ingestion service's write rate to MockAdt.", _ => IngestionBenchmark.RunWritesAsync()),
        ("mockadt", MockAdt, "MockAdt's PATCH and GET throughput and latency, a large graph's memory, the cloud profile's per-twin limit.", MockAdtBenchmark.RunAsync),
        ("graph", MockAdt, "Only MockAdt's large graph: memory and queries.", _ => MockAdtBenchmark.RunLargeGraphAsync()),
        ("history", MockAdt, "Only what data history costs MockAdt's PATCH path.", MockAdtBenchmark.RunHistoryAsync),
        ("persistence", MockAdt, "What MockAdt:DataDirectory costs the PATCH path.", PersistenceBenchmark.RunAsync),
        ("jobs", MockAdt, "The Jobs API: an import job and a delete job, each timed.", _ => JobsBenchmark.RunAsync()),
        ("pools", MockAdt, "The pool queries of docs/queries.md on a year's graph.", _ => PoolQueryBenchmark.RunAsync()),
    ];

    /// <summary>What <c>all</c> runs, each for the seconds given.</summary>
    private static readonly string[] All = ["simulator", "ingestion", "mockadt", "jobs"];

    public static Task<int> RunAsync(string[] args)
    {
        var root = ServiceCommand.Create("benchmarks", $"Measures the services: a part, or all ({string.Join(", ", All)}), the default.");
        var allSeconds = Seconds();
        var all = new Command("all", $"{string.Join(", ", All)}, each for the seconds given.") { Arguments = { allSeconds } };
        all.SetAction((parsed, _) => RunAllAsync(parsed.GetValue(allSeconds)));
        root.Subcommands.Add(all);
        root.SetAction((_, _) => RunAllAsync(10));
        foreach (var part in TimedParts)
        {
            var seconds = Seconds();
            root.Subcommands.Add(InItsProcess(new Command(part.Name, part.Description) { Arguments = { seconds } }, part.Service, args, async parsed =>
            {
                await part.Run(TimeSpan.FromSeconds(parsed.GetValue(seconds)));
                return 0;
            }));
        }
        var days = OptionRules.WholeNumberArgument("days", "Simulated days.", 365, 1);
        root.Subcommands.Add(InItsProcess(
            new Command("pool-year", "Simulated days of the reference lab's pools as twins, through the ingestion service (here) into MockAdt's cloud profile (a process of its own).") { Arguments = { days } },
            Ingestion, args, parsed => PoolYearBenchmark.RunAsync(parsed.GetValue(days))));
        var labs = OptionRules.WholeNumberArgument("labs", "Labs of the reference size.", 10, 1);
        var hours = OptionRules.PositiveNumberArgument("hours", "Simulated hours of each lab's run.", 36);
        var speed = OptionRules.PositiveNumberArgument("speed", "The runs' speed (60: a simulated minute a second).", 60);
        root.Subcommands.Add(InItsProcess(
            new Command("labs", "Labs streaming at once through the simulator service and MockAdt's cloud profile (processes of their own) and the ingestion service (here).") { Arguments = { labs, hours, speed } },
            Ingestion, args, parsed => LabsBenchmark.RunAsync(parsed.GetValue(labs), parsed.GetValue(hours), parsed.GetValue(speed))));
        root.Subcommands.Add(DtdlCorpus());
        root.Subcommands.Add(DtdlOntology());
        return ServiceCommand.RunAsync(root, args, Console.Out, Console.Error);
    }

    private static Argument<int> Seconds() => OptionRules.WholeNumberArgument("seconds", "Seconds each timed measurement takes.", 10, 1);

    private static async Task<int> RunAllAsync(int seconds)
    {
        foreach (var name in All)
        {
            var exitCode = await ServiceRuntime.RunPartAsync(TimedParts.Single(p => p.Name == name).Service, name, seconds.ToString(CultureInfo.InvariantCulture));
            if (exitCode != 0)
            {
                return exitCode;
            }
        }
        return 0;
    }

    /// <summary>
    /// A part that runs in a process with <paramref name="service"/>'s settings: here, its action starts that process
    /// with the arguments as given; there, it runs <paramref name="run"/>.
    /// </summary>
    private static Command InItsProcess(Command command, string service, string[] args, Func<ParseResult, Task<int>> run)
    {
        command.SetAction(async (parsed, _) =>
        {
            if (!ServiceRuntime.IsPartProcess)
            {
                return await ServiceRuntime.RunPartAsync(service, args);
            }
            Console.WriteLine($"[{command.Name}, in a process set up as {service} runs: {ServiceRuntime.Describe()}]");
            return await run(parsed);
        });
        return command;
    }

    private static Command DtdlCorpus()
    {
        var verdicts = OptionRules.TextArgument("verdicts", "The verdicts file (DTDL_VERDICTS; default: PlateletTwins.Tests/Conformance/dtdl-verdicts.json).");
        var show = OptionRules.WholeNumber("--show", "Disagreements shown, at most.", 40, 0);
        var filter = OptionRules.Text("--filter", "Only the cases whose name contains this.", "TEXT");
        var command = new Command("dtdl-corpus", "The DTDL parser's test cases, in this process.") { Arguments = { verdicts }, Options = { show, filter } };
        command.SetAction(parsed =>
        {
            var file = parsed.GetValue(verdicts) ?? Environment.GetEnvironmentVariable("DTDL_VERDICTS")
                ?? Path.Combine(Repository.Root, "PlateletTwins.Tests", "Conformance", "dtdl-verdicts.json");
            if (!File.Exists(file))
            {
                Console.Error.WriteLine($"No verdicts file at {file}: run `node dtdl-verdicts.mjs CORPUS_DIR` in PlateletTwins.Tests/Conformance first (see docs/development.md).");
                return ServiceCommand.UsageError;
            }
            return DtdlCorpusBenchmark.RunCases(file, parsed.GetValue(show), parsed.GetValue(filter));
        });
        return command;
    }

    private static Command DtdlOntology()
    {
        var folder = OptionRules.TextArgument("folder", "The ontology's folder (DTDL_ONTOLOGY_DIR).");
        var command = new Command("dtdl-ontology", "An ontology's parse time, in batches of 250, in this process.") { Arguments = { folder } };
        command.SetAction(parsed =>
        {
            var path = parsed.GetValue(folder) ?? Environment.GetEnvironmentVariable("DTDL_ONTOLOGY_DIR");
            if (path is null || !Directory.Exists(path))
            {
                Console.Error.WriteLine("Give the ontology's folder: dtdl-ontology FOLDER (or DTDL_ONTOLOGY_DIR).");
                return ServiceCommand.UsageError;
            }
            return DtdlCorpusBenchmark.RunOntology(path);
        });
        return command;
    }
}
