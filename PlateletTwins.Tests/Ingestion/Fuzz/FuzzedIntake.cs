using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PlateletTwins.IngestionService.Diagnostics;
using PlateletTwins.Tests.Infrastructure;
using Xunit.Abstractions;
using static PlateletTwins.Tests.Ingestion.IntakeMessages;

namespace PlateletTwins.Tests.Ingestion.Fuzz;

/// <summary>
/// An intake under fuzzing: MockAdt, an ingestion service with a small body limit (so that oversize bodies are cheap),
/// the reference lab's run started, and what a request changed: the updates the intake counted as accepted (its own
/// metric, of this host only) and the twins in MockAdt.
/// </summary>
public sealed class FuzzedIntake : IAsyncLifetime, IDisposable
{
    public const string RunId = "fuzz-run";
    public const int MaxBodyBytes = 64 * 1024;

    private MeterListener? _listener;
    private long _accepted;
    private long _sequence = 1_000_000;

    public MockAdtHost Adt { get; private set; } = null!;

    public IngestionHost Ingestion { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public HttpClient AdtClient { get; private set; } = null!;

    /// <summary>Updates the intake has accepted so far.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>A sequence higher than any sent before, so that no fuzzed update is dropped as out of order.</summary>
    public long NextSequence() => Interlocked.Increment(ref _sequence);

    public async Task InitializeAsync()
    {
        Adt = await MockAdtHost.StartAsync();
        Ingestion = await IngestionHost.StartAsync(Adt.Address, new Dictionary<string, string?> { ["Intake:MaxBodyBytes"] = MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var meters = Ingestion.Services.GetRequiredService<IMeterFactory>();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Meter.Name == IngestionTelemetry.Name && instrument.Name == "platelet.ingestion.updates.accepted")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _accepted, value));
        _listener.Start();
        Client = Ingestion.CreateClient();
        AdtClient = Adt.CreateClient();
        (await Client.PostAsJsonAsync("/api/runs", Run(RunId))).EnsureSuccessStatusCode();
    }

    public async Task<int> TwinCountAsync()
    {
        using var response = await AdtClient.PostAsJsonAsync("/query?api-version=2023-10-31", new { query = "SELECT COUNT() FROM DIGITALTWINS" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["value"]![0]!["COUNT"]!.GetValue<int>();
    }

    public void Dispose() => _listener?.Dispose();

    public async Task DisposeAsync()
    {
        Client.Dispose();
        AdtClient.Dispose();
        await Ingestion.DisposeAsync();
        await Adt.DisposeAsync();
    }
}

/// <summary>Requests by status, for the test's output; fails on the first 5xx with what was sent.</summary>
public sealed class StatusTally
{
    private readonly ConcurrentDictionary<int, int> _counts = new();

    public int Total => _counts.Values.Sum();

    public int this[HttpStatusCode status] => _counts.GetValueOrDefault((int)status);

    public async Task<(HttpStatusCode Status, string Body)> RecordAsync(HttpResponseMessage response, string sent)
    {
        var body = await response.Content.ReadAsStringAsync();
        _counts.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {Abbreviate(sent)}: {Abbreviate(body)}");
        return (response.StatusCode, body);
    }

    public void Print(ITestOutputHelper output, string what, int seed)
    {
        output.WriteLine($"{what} (seed {seed}): {Total} requests; " + string.Join(", ", _counts.OrderBy(c => c.Key).Select(c => $"{c.Key}: {c.Value}")) + $"; 5xx: {_counts.Where(c => c.Key >= 500).Sum(c => c.Value)}");
    }

    private static string Abbreviate(string text) => text.Length <= 600 ? text : text[..600] + "...";
}
