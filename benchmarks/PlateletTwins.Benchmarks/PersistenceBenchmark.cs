using System.Globalization;
using System.Net;

namespace PlateletTwins.Benchmarks;

/// <summary>
/// What <c>MockAdt:DataDirectory</c> costs the PATCH path: PATCH throughput with persistence off and on (each answer
/// awaiting its grouped commit), alternated twice after a warm-up, 64 connections, events and data history on.
/// </summary>
internal static class PersistenceBenchmark
{
    private const int Connections = 64;
    private const int TwinCount = 1000;

    public static async Task RunAsync(TimeSpan duration)
    {
        Console.WriteLine($"MockAdt persistence: {Environment.ProcessorCount} cores, load generator in the same process over loopback, {Connections} connections, {duration.TotalSeconds:0} s per run");
        var on = new List<LoadGenerator.Result>();
        var off = new List<LoadGenerator.Result>();
        var size = 0L;
        // Round -1 warms the JIT up and is not counted.
        for (var round = -1; round < 2; round++)
        {
            foreach (var persist in (bool[])[false, true])
            {
                var directory = persist ? Directory.CreateTempSubdirectory("mockadt-benchmark-").FullName : null;
                try
                {
                    await using (var adt = await MockAdtHarness.StartAsync(settings: new() { ["MockAdt:DataDirectory"] = directory }))
                    {
                        await adt.CreateCentrifugesAsync(TwinCount);
                        Func<int, long, Task<bool>> patch = async (worker, n) =>
                        {
                            var twin = (worker * 7919 + n) % TwinCount;
                            var body = $$"""[{"op":"add","path":"/inUse","value":{{n % 12}}},{"op":"add","path":"/$metadata/inUse/sourceTime","value":"2026-01-05T07:00:00Z"}]""";
                            using var response = await adt.Client.PatchAsync($"/digitaltwins/c{twin}?{MockAdtHarness.ApiVersion}", MockAdtHarness.Patch(body));
                            return response.StatusCode == HttpStatusCode.NoContent;
                        };
                        await LoadGenerator.RunAsync(Connections, TimeSpan.FromSeconds(2), patch);
                        var result = await LoadGenerator.RunAsync(Connections, duration, patch);
                        if (round >= 0)
                        {
                            (persist ? on : off).Add(result);
                        }
                    }
                    if (directory is not null)
                    {
                        size = new DirectoryInfo(directory).EnumerateFiles().Sum(f => f.Length);
                    }
                }
                finally
                {
                    if (directory is not null)
                    {
                        Directory.Delete(directory, recursive: true);
                    }
                }
            }
        }
        Report("persistence off", off, "as before: 13,000-16,000/s");
        Report("persistence on", on, "≥ 5,000/s");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  data directory after the last run: {size / 1024.0 / 1024.0:N1} MB"));
    }

    private static void Report(string what, List<LoadGenerator.Result> runs, string target) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  PATCH, {what,-16} {runs.Average(r => r.PerSecond),9:N0}/s (runs {string.Join(", ", runs.Select(r => r.PerSecond.ToString("N0", CultureInfo.InvariantCulture)))})  p50 {runs[^1].Latencies.Percentile(0.5),6:0.00} ms  p99 {runs[^1].Latencies.Percentile(0.99),6:0.00} ms  failures {runs.Sum(r => r.Failures)}  (target {target})"));
}
