using System.Globalization;
using PlateletTwins.Benchmarks;

// dotnet run -c Release --project benchmarks/PlateletTwins.Benchmarks -- [all|simulator|ingestion|mockadt|jobs|writes|graph|history|persistence|pools] [seconds]
//   ... -- pool-year [DAYS]                                          (simulated days of pools as twins into MockAdt cloud, default 365)
//   ... -- labs [LABS] [HOURS] [SPEED]                               (reference-size labs streaming at once into MockAdt cloud, default 10, 36 h, speed 60)
//   ... -- dtdl-corpus [VERDICTS_FILE] [--show N] [--filter TEXT]   (the DTDL parser's test cases, in process)
//   ... -- dtdl-ontology FOLDER                                     (an ontology's parse time, batches of 250)
var what = args.FirstOrDefault() ?? "all";
switch (what)
{
    case "dtdl-corpus":
        var rest = args.Skip(1).ToList();
        var show = Option(rest, "--show") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 40;
        var filter = Option(rest, "--filter");
        var verdicts = rest.FirstOrDefault() ?? Environment.GetEnvironmentVariable("DTDL_VERDICTS")
            ?? Path.Combine(Repository.Root, "PlateletTwins.Tests", "Conformance", "dtdl-verdicts.json");
        if (!File.Exists(verdicts))
        {
            Console.Error.WriteLine($"No verdicts file at {verdicts}: run `node dtdl-verdicts.mjs CORPUS_DIR` in PlateletTwins.Tests/Conformance first (see docs/development.md).");
            return 2;
        }
        return DtdlCorpusBenchmark.RunCases(verdicts, show, filter);
    case "dtdl-ontology":
        var folder = args.ElementAtOrDefault(1) ?? Environment.GetEnvironmentVariable("DTDL_ONTOLOGY_DIR");
        if (folder is null || !Directory.Exists(folder))
        {
            Console.Error.WriteLine("Give the ontology's folder: dtdl-ontology FOLDER (or DTDL_ONTOLOGY_DIR).");
            return 2;
        }
        return DtdlCorpusBenchmark.RunOntology(folder);
}
// The second argument: seconds each timed part measures, the simulated days of pool-year, or the labs of labs.
var number = args.Length > 1 && int.TryParse(args[1], CultureInfo.InvariantCulture, out var parsed) ? parsed : (int?)null;
if (args.Length > 1 && number is not > 0)
{
    Console.Error.WriteLine($"'{args[1]}' is not a positive whole number: give {what switch { "pool-year" => "simulated days", "labs" => "labs", _ => "seconds" }}.");
    return 2;
}
var seconds = number ?? 10;
var duration = TimeSpan.FromSeconds(seconds);
var days = number ?? 365;
// labs' third and fourth: simulated hours and speed.
var hours = Positive(args.ElementAtOrDefault(2), 36);
var speed = Positive(args.ElementAtOrDefault(3), 60);
if (hours is null || speed is null)
{
    Console.Error.WriteLine("labs [LABS] [HOURS] [SPEED]: hours and speed are positive numbers.");
    return 2;
}

// Each part measures one service, in a process with that service's runtime settings.
var services = new Dictionary<string, string>
{
    ["simulator"] = "PlateletTwins.SimulatorService",
    ["ingestion"] = "PlateletTwins.IngestionService",
    ["writes"] = "PlateletTwins.IngestionService",
    ["mockadt"] = "PlateletTwins.MockAdt",
    ["graph"] = "PlateletTwins.MockAdt",
    ["history"] = "PlateletTwins.MockAdt",
    ["persistence"] = "PlateletTwins.MockAdt",
    ["pools"] = "PlateletTwins.MockAdt",
    ["jobs"] = "PlateletTwins.MockAdt",
    // The ingestion service and the simulator in this process; MockAdt in one of its own.
    ["pool-year"] = "PlateletTwins.IngestionService",
    // The ingestion service in this process; the simulator and MockAdt in processes of their own.
    ["labs"] = "PlateletTwins.IngestionService",
};
if (!ServiceRuntime.IsPartProcess)
{
    string[] parts = what == "all" ? ["simulator", "ingestion", "mockadt", "jobs"] : [what];
    foreach (var part in parts)
    {
        if (!services.TryGetValue(part, out var service))
        {
            Console.Error.WriteLine($"Unknown part '{part}': use all, {string.Join(", ", services.Keys)}.");
            return 2;
        }
        // A part alone gets the arguments as given; each of all gets the seconds.
        var rest = what == "all" ? [seconds.ToString(CultureInfo.InvariantCulture)] : args[1..];
        var exitCode = await ServiceRuntime.RunPartAsync(service, [part, .. rest]);
        if (exitCode != 0)
        {
            return exitCode;
        }
    }
    return 0;
}

Console.WriteLine($"[{what}, in a process set up as {services[what]} runs: {ServiceRuntime.Describe()}]");
switch (what)
{
    case "simulator":
        SimulatorBenchmark.Run();
        break;
    case "ingestion":
        await IngestionBenchmark.RunAsync(duration);
        break;
    case "writes":
        await IngestionBenchmark.RunWritesAsync();
        break;
    case "mockadt":
        await MockAdtBenchmark.RunAsync(duration);
        break;
    case "graph":
        await MockAdtBenchmark.RunLargeGraphAsync();
        break;
    case "history":
        await MockAdtBenchmark.RunHistoryAsync(duration);
        break;
    case "persistence":
        await PersistenceBenchmark.RunAsync(duration);
        break;
    case "jobs":
        await JobsBenchmark.RunAsync();
        break;
    case "pools":
        await PoolQueryBenchmark.RunAsync();
        break;
    case "pool-year":
        return await PoolYearBenchmark.RunAsync(days);
    case "labs":
        return await LabsBenchmark.RunAsync(number ?? 10, hours.Value, speed.Value);
}
return 0;

// The value after an option such as --show, removed with it from the arguments.
static string? Option(List<string> args, string name)
{
    var i = args.IndexOf(name);
    if (i < 0 || i + 1 >= args.Count)
    {
        return null;
    }
    var value = args[i + 1];
    args.RemoveRange(i, 2);
    return value;
}

static double? Positive(string? text, double fallback) =>
    text is null ? fallback : double.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
