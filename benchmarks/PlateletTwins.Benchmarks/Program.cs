using PlateletTwins.Benchmarks;

// dotnet run -c Release --project benchmarks/PlateletTwins.Benchmarks -- [all|simulator|ingestion|mockadt|writes|graph|history] [seconds]
var what = args.FirstOrDefault() ?? "all";
var seconds = args.Length > 1 && int.TryParse(args[1], out var s) ? s : 10;
var duration = TimeSpan.FromSeconds(seconds);

if (what is "simulator" or "all")
{
    SimulatorBenchmark.Run();
}

if (what is "writes")
{
    await IngestionBenchmark.RunWritesAsync();
}

if (what is "history")
{
    await MockAdtBenchmark.RunHistoryAsync(duration);
}

if (what is "graph")
{
    await MockAdtBenchmark.RunLargeGraphAsync();
}

if (what is "ingestion" or "all")
{
    await IngestionBenchmark.RunAsync(duration);
}

if (what is "mockadt" or "all")
{
    await MockAdtBenchmark.RunAsync(duration);
}
