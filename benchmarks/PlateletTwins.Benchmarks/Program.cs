using System.Globalization;
using PlateletTwins.Benchmarks;

// dotnet run -c Release --project benchmarks/PlateletTwins.Benchmarks -- [all|simulator|ingestion|mockadt|jobs|writes|graph|history|persistence] [seconds]
var what = args.FirstOrDefault() ?? "all";
var seconds = args.Length > 1 && int.TryParse(args[1], out var s) ? s : 10;
var duration = TimeSpan.FromSeconds(seconds);

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
    ["jobs"] = "PlateletTwins.MockAdt",
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
        var exitCode = await ServiceRuntime.RunPartAsync(service, part, seconds.ToString(CultureInfo.InvariantCulture));
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
}
return 0;
