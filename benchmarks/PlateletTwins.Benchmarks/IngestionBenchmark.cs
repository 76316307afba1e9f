using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PlateletTwins.IngestionService.DeadLetters;
using PlateletTwins.IngestionService.Twins;
using PlateletTwins.SimulatorService.Devices;
using PlateletTwins.SimulatorService.Diagnostics;
using PlateletTwins.SimulatorService.Lab.Model;
using PlateletTwins.SimulatorService.Lab.Running;
using PlateletTwins.SimulatorService.Streaming;

namespace PlateletTwins.Benchmarks;

/// <summary>The figures of the ingestion issue: intake rate, write rate to MockAdt, end-to-end latency, a cloud-profile run.</summary>
internal static class IngestionBenchmark
{
    /// <summary>Only the write-rate figure, to profile that path alone.</summary>
    public static Task RunWritesAsync() => WriteRateAsync();

    public static async Task RunAsync(TimeSpan duration)
    {
        Console.WriteLine($"Ingestion benchmark: {Environment.ProcessorCount} cores, client, ingestion and MockAdt in one process over loopback");
        // Writes first: measured after the intake figure, in the same process, the rate came out a third lower (6,900/s).
        await WriteRateAsync();
        await IntakeRateAsync(duration);
        await LatencyAsync(duration);
        await CloudRunAsync();
    }

    /// <summary>Batches of 500 valid updates from 8 concurrent senders; the intake validates and takes them.</summary>
    private static async Task IntakeRateAsync(TimeSpan duration)
    {
        await using var adt = await MockAdtHarness.StartAsync();
        await using var ingestion = await IngestionHarness.StartAsync(adt);
        await ingestion.StartRunAsync("bench-intake", 12);
        var payloads = Enumerable.Range(0, 16)
            .Select(p => Encoding.UTF8.GetBytes(IngestionHarness.Batch("bench-intake", Enumerable.Range(0, 500).Select(i => IngestionHarness.Update(i % 12, p * 500 + i))).ToJsonString()))
            .ToArray();
        Func<int, long, Task<bool>> send = async (worker, n) =>
        {
            using var content = new ByteArrayContent(payloads[(worker + n) % payloads.Length]);
            content.Headers.ContentType = new("application/json");
            using var response = await ingestion.Client.PostAsync("/api/telemetry", content);
            return response.StatusCode == HttpStatusCode.Accepted;
        };
        await LoadGenerator.RunAsync(8, TimeSpan.FromSeconds(2), send);
        var result = await LoadGenerator.RunAsync(8, duration, send);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  intake, batches of 500: {result.PerSecond * 500:N0} updates/s, p99 {result.Latencies.Percentile(0.99):0.0} ms a batch, refused {result.Failures}  (target ≥ 50,000/s)"));
    }

    /// <summary>
    /// One update for each of 20,000 twins at a time, MockAdt's limits off and the writer's rate budgets (ADT's limits)
    /// opened up, its concurrency the default; MockAdt in a process of its own, as under the AppHost.
    /// </summary>
    private static async Task WriteRateAsync()
    {
        const int twins = 20_000;
        await using var adt = await MockAdtHarness.StartProcessAsync();
        await using var ingestion = await IngestionHarness.StartAsync(adt, new()
        {
            ["Writes:InstanceRate"] = "1000000",
            ["Writes:PerTwinRate"] = "1000000",
        });
        await ingestion.StartRunAsync("bench-writes", twins);
        using var written = new CounterProbe("platelet.ingestion.writes");
        var table = ingestion.Services.GetRequiredService<TwinStateTable>();
        var rates = new List<double>();
        const int warmUp = 3, measured = 8;
        for (var round = 1; round <= warmUp + measured; round++)
        {
            var clock = Stopwatch.StartNew();
            var before = written.Total;
            foreach (var chunk in Enumerable.Range(0, twins).Chunk(500))
            {
                using var response = await ingestion.Client.PostAsync("/api/telemetry",
                    Json(IngestionHarness.Batch("bench-writes", chunk.Select(i => IngestionHarness.Update(i, round)))));
                response.EnsureSuccessStatusCode();
            }
            while (table.Backlog > 0)
            {
                await Task.Delay(5);
            }
            rates.Add((written.Total - before) / clock.Elapsed.TotalSeconds);
        }
        // The first rounds warm both services up (tiered compilation rises through them); the median of the rest is the figure.
        var median = rates.Skip(warmUp).Order().ElementAt(measured / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  writes to MockAdt (limits off, its own process, HTTP/2), {twins:N0} twins a round: median {median:N0} writes/s of rounds {warmUp + 1}–{warmUp + measured} of {string.Join(", ", rates.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))}  (target ≥ 10,000/s)"));
    }

    /// <summary>1,000 updates a second over 1,000 twins, within ADT's default limits: creation to ADT's acknowledgement.</summary>
    private static async Task LatencyAsync(TimeSpan duration)
    {
        const int twins = 1000;
        await using var adt = await MockAdtHarness.StartAsync();
        await using var ingestion = await IngestionHarness.StartAsync(adt, new() { ["Writes:PerTwinRate"] = "1000000", ["Writes:InstanceRate"] = "1000000" });
        await ingestion.StartRunAsync("bench-latency", twins);
        // Default budgets from here on: a fresh service would start with them; these twins exist now.
        await using var paced = await IngestionHarness.StartAsync(adt);
        await paced.StartRunAsync("bench-latency", twins);
        using var latency = new HistogramProbe("platelet.ingestion.latency");
        var clock = Stopwatch.StartNew();
        long sequence = 0;
        var tick = 0;
        while (clock.Elapsed < duration)
        {
            // 100 updates every 100 ms, each twin once a second.
            var due = TimeSpan.FromMilliseconds(100 * tick);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }
            var first = tick % 10 * 100;
            sequence++;
            using var response = await paced.Client.PostAsync("/api/telemetry",
                Json(IngestionHarness.Batch("bench-latency", Enumerable.Range(first, 100).Select(i => IngestionHarness.Update(i, sequence)))));
            response.EnsureSuccessStatusCode();
            tick++;
        }
        var table = paced.Services.GetRequiredService<TwinStateTable>();
        while (table.Backlog > 0)
        {
            await Task.Delay(5);
        }
        var sorted = latency.Values.Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  end-to-end latency at 1,000 updates/s: {sorted.Length:N0} updates, p50 {sorted[sorted.Length / 2] * 1000:0.0} ms, p99 {sorted[(int)(sorted.Length * 0.99)] * 1000:0.0} ms, max {sorted[^1] * 1000:0.0} ms  (target p99 < 100 ms)"));
    }

    /// <summary>36 simulated hours of the stress profile at full speed into MockAdt's cloud profile, end to end.</summary>
    private static async Task CloudRunAsync()
    {
        await using var adt = await MockAdtHarness.StartAsync("cloud");
        await using var ingestion = await IngestionHarness.StartAsync(adt);
        var options = new StreamingOptions { Speed = "max", Hours = 36, Seed = 1, Profile = RunProfile.Stress, IntakeKey = IngestionHarness.Key, StartTime = DateTimeOffset.UnixEpoch };
        using var meters = new MeterFactoryForBenchmark();
        using var telemetry = new SimulatorTelemetry(meters);
        var streamer = new RunStreamer(new IngestionClient(ingestion.Client, Options.Create(options), TimeProvider.System), telemetry, options, TimeProvider.System, NullLogger.Instance);
        var clock = Stopwatch.StartNew();
        var run = new RunOptions { Hours = 36, Seed = 1, Profile = RunProfile.Stress };
        await streamer.RunAsync("bench-cloud", run, CancellationToken.None);
        var table = ingestion.Services.GetRequiredService<TwinStateTable>();
        while (table.Backlog > 0)
        {
            await Task.Delay(10);
        }
        var elapsed = clock.Elapsed;

        var expected = new List<DeviceUpdate>();
        new LabModel(run.EffectiveLab, run.Seed, expected.Add).RunUntil(36 * 60);
        var exact = await ExactDevicesAsync(adt.Client, new LabTwins(run.EffectiveLab), expected.GroupBy(u => u.DeviceId).Select(g => g.Last()));
        var deadLetters = ingestion.Services.GetRequiredService<DeadLetterStore>().Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  cloud profile, 36 h stress at full speed: {expected.Count:N0} updates in {elapsed.TotalSeconds:0.0} s end to end, {deadLetters} dead letters, {exact}/12 twins exact  (target < 30 s, 0, 12/12)"));
    }

    /// <summary>How many of the device twins hold the simulator's last update of them: status, in use, queue, processed.</summary>
    public static async Task<int> ExactDevicesAsync(HttpClient adt, LabTwins twins, IEnumerable<DeviceUpdate> lastUpdates)
    {
        var exact = 0;
        foreach (var last in lastUpdates)
        {
            var twin = System.Text.Json.Nodes.JsonNode.Parse(await adt.GetStringAsync($"/digitaltwins/{twins.Device(last.DeviceId)}?{MockAdtHarness.ApiVersion}"))!;
            if (twin["status"]!.GetValue<string>() == last.Status.ToString() && twin["inUse"]!.GetValue<int>() == last.InUse
                && twin["queueLength"]!.GetValue<int>() == last.QueueLength && twin["totalProcessed"]!.GetValue<int>() == last.TotalProcessed)
            {
                exact++;
            }
        }
        return exact;
    }

    private static StringContent Json(System.Text.Json.Nodes.JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>Meters for the simulator's telemetry, which a benchmark reads with listeners of its own.</summary>
    internal sealed class MeterFactoryForBenchmark : IMeterFactory
    {
        public Meter Create(MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }

    /// <summary>Keeps every value a histogram of the services in this process records.</summary>
    private sealed class HistogramProbe : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<double> _values = [];

        public HistogramProbe(string instrument)
        {
            _listener.InstrumentPublished = (i, l) =>
            {
                if (i.Name == instrument)
                {
                    l.EnableMeasurementEvents(i);
                }
            };
            _listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
            {
                lock (_values)
                {
                    _values.Add(value);
                }
            });
            _listener.Start();
        }

        public IReadOnlyList<double> Values
        {
            get
            {
                lock (_values)
                {
                    return [.. _values];
                }
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
