using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PlateletTwins.SimulatorService.Diagnostics;
using PlateletTwins.SimulatorService.Hosting;
using PlateletTwins.SimulatorService.Lab.Running;
using PlateletTwins.SimulatorService.Streaming;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.Simulator.Streaming;

/// <summary>
/// One layer of retries between the simulator and the intake: the streamer's, which knows the intake's protocol. The
/// intake's client, composed as the service composes it (the service defaults put a resilience handler on every other
/// client), makes one attempt per request, and gives a hung intake up after <c>Streaming:RequestTimeout</c>.
/// </summary>
public sealed class IntakeRetryTests
{
    private static readonly RunStartMessage Start = StartMessage.For("run-once", new RunOptions { Hours = 1 }, "max", DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData(503, SendStatus.RetryLater, 1)]
    [InlineData(429, SendStatus.RetryLater, 1)]
    [InlineData(500, SendStatus.RetryLater, null)]
    [InlineData(408, SendStatus.Refused, null)]
    public async Task A_request_the_intake_fails_for_now_is_one_attempt(int status, SendStatus outcome, int? retryAfterSeconds)
    {
        var requests = 0;
        var (intake, address) = await LoopbackApp.StartAsync(new Dictionary<string, string?>(), _ => { }, app => app.MapPost("/api/runs", (HttpResponse response) =>
        {
            Interlocked.Increment(ref requests);
            response.Headers.RetryAfter = "1";
            return Results.StatusCode(status);
        }));
        await using var _ = intake;
        await using var simulator = Compose(address);

        var sent = await simulator.Services.GetRequiredService<IngestionClient>().StartRunAsync(Start, CancellationToken.None);

        Assert.Equal(1, requests);
        Assert.Equal(outcome, sent.Status);
        Assert.Equal(retryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null, sent.RetryAfter);
    }

    [Fact]
    public async Task A_hung_intake_is_given_up_after_the_request_timeout_as_a_request_to_retry()
    {
        var requests = 0;
        // The intake takes the request and never answers, as a frozen process does.
        var (intake, address) = await LoopbackApp.StartAsync(new Dictionary<string, string?>(), _ => { }, app => app.MapPost("/api/runs", async (HttpContext context) =>
        {
            Interlocked.Increment(ref requests);
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }));
        await using var _ = intake;
        await using var simulator = Compose(address, new() { ["Streaming:RequestTimeout"] = "00:00:00.300" });
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var clock = Stopwatch.StartNew();
        var sent = await simulator.Services.GetRequiredService<IngestionClient>().StartRunAsync(Start, bound.Token);

        Assert.Equal(SendStatus.RetryLater, sent.Status);
        Assert.Equal(1, requests);
        // Not sooner than the timeout; well before the 10 s a resilience handler's attempt timeout would take.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.3), TimeSpan.FromSeconds(9));
    }

    [Fact]
    public async Task The_streamer_retries_each_refusal_once_itself_after_its_Retry_After()
    {
        await using var intake = await FakeIntake.StartAsync(forgetAfter: int.MaxValue, startRefusals: 2);
        // A retry delay far shorter than the intake's Retry-After: the waits between the starts are the intake's.
        await using var simulator = Compose(intake.Address, new() { ["Streaming:RetryDelay"] = "00:00:00.010" });
        var telemetry = simulator.Services.GetRequiredService<SimulatorTelemetry>();
        var retries = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meters) =>
        {
            if (instrument == telemetry.Throttled)
            {
                meters.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref retries, value));
        listener.Start();
        var options = simulator.Services.GetRequiredService<IOptions<StreamingOptions>>().Value;
        var streamer = new RunStreamer(simulator.Services.GetRequiredService<IngestionClient>(), telemetry, options, TimeProvider.System, NullLogger.Instance);

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await streamer.RunAsync("run-retried", new RunOptions { Hours = 2, Seed = 1 }, timeout.Token);

        var starts = intake.StartAttempts.ToList();
        Assert.Equal(3, starts.Count);
        Assert.Equal(1, intake.RunStarts);
        // Every refusal the intake made is one retry of the streamer's, and no attempt was made beneath it.
        Assert.Equal(intake.StartRefusals + intake.Throttled, Interlocked.Read(ref retries));
        Assert.All(starts.Zip(starts.Skip(1)), pair => Assert.True(TimeProvider.System.GetElapsedTime(pair.First, pair.Second) >= TimeSpan.FromSeconds(0.9),
            $"a start came {TimeProvider.System.GetElapsedTime(pair.First, pair.Second)} after the one refused with Retry-After: 1"));
    }

    /// <summary>The simulator service as its Program composes it, streaming to <paramref name="intake"/>; not started.</summary>
    private static WebApplication Compose(Uri intake, Dictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Streaming:IngestionUrl"] = intake.ToString(),
            ["Streaming:IntakeKey"] = "k",
            ["Streaming:Speed"] = "max",
            ["Streaming:BatchInterval"] = "00:00:00.020",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        // The HTTP clients' defaults, as the service defaults give them (not the telemetry: it listens process-wide).
        builder.Services.AddHttpClientDefaults();
        builder.AddSimulator();
        return builder.Build();
    }
}
