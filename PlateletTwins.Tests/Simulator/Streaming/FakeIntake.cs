using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.Simulator.Streaming;

/// <summary>
/// An intake on loopback that misbehaves on purpose: it is slow, refuses every third of its first batches with 429, and once forgets
/// the run as a restarted service would; when told, it answers its first run starts 503; it records every update and every twin or
/// relationship change it accepted, and when each run start came.
/// </summary>
public sealed class FakeIntake : IAsyncDisposable
{
    private WebApplication _app = null!;
    private int _batches;
    private volatile bool _knowsRun;

    public Uri Address { get; private set; } = null!;

    public ConcurrentQueue<JsonObject> Accepted { get; } = new();

    public ConcurrentQueue<JsonObject> AcceptedChanges { get; } = new();

    public ConcurrentQueue<JsonObject> AcceptedEvents { get; } = new();

    private int _throttled;
    private int _runStarts;
    private int _forgotten;

    public int Throttled => _throttled;

    public int RunStarts => _runStarts;

    public int Forgotten => _forgotten;

    /// <summary>After this many accepted batches, the intake forgets the run once.</summary>
    public int ForgetAfter { get; init; } = 5;

    public TimeSpan Latency { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The first this many run starts are answered 503, Retry-After 1 s.</summary>
    public int StartRefusals { get; init; }

    /// <summary>When each run start came (<see cref="TimeProvider.GetTimestamp"/>), refused or not.</summary>
    public ConcurrentQueue<long> StartAttempts { get; } = new();

    public static async Task<FakeIntake> StartAsync(int forgetAfter = 5, int startRefusals = 0)
    {
        var intake = new FakeIntake { ForgetAfter = forgetAfter, StartRefusals = startRefusals };
        (intake._app, intake.Address) = await LoopbackApp.StartAsync(new Dictionary<string, string?>(), _ => { }, app => Map(app, intake));
        return intake;
    }

    private readonly ConcurrentDictionary<string, byte> _eventIds = new(StringComparer.Ordinal);

    private static void Map(WebApplication app, FakeIntake intake)
    {
        // What of the run "reached ADT": everything it accepted, at once.
        app.MapGet("/api/runs/{runId}", (string runId) =>
        {
            if (!intake._knowsRun)
            {
                return Results.Problem(statusCode: 404, title: "Unknown run");
            }
            var twins = new JsonObject();
            foreach (var twin in intake.Accepted.GroupBy(u => u["twinId"]!.GetValue<string>()))
            {
                var sequence = twin.Max(u => u["sequence"]!.GetValue<long>());
                twins[twin.Key] = new JsonObject { ["accepted"] = sequence, ["acknowledged"] = sequence, ["pending"] = 0 };
            }
            return Results.Json(new JsonObject
            {
                ["runId"] = runId,
                ["state"] = "Streaming",
                ["updates"] = new JsonObject { ["coalesced"] = 0, ["deadLettered"] = 0 },
                ["events"] = new JsonObject { ["accepted"] = intake._eventIds.Count, ["pending"] = 0 },
                ["twins"] = twins,
            });
        });
        app.MapPost("/api/runs", (HttpResponse response) =>
        {
            intake.StartAttempts.Enqueue(TimeProvider.System.GetTimestamp());
            if (intake.StartAttempts.Count <= intake.StartRefusals)
            {
                response.Headers.RetryAfter = "1";
                return Results.StatusCode(503);
            }
            Interlocked.Increment(ref intake._runStarts);
            intake._knowsRun = true;
            return Results.Ok();
        });
        app.MapPost("/api/telemetry", async (HttpRequest request) =>
        {
            // A slow intake is what some tests set: the wait is the fake's answer time, not a test waiting.
            await Task.Delay(intake.Latency);
            var body = (await JsonNode.ParseAsync(request.Body))!;
            if (!intake._knowsRun)
            {
                return Results.Problem(statusCode: 404, title: "Unknown run");
            }
            var n = Interlocked.Increment(ref intake._batches);
            if (n % 3 == 0 && n <= 12)
            {
                Interlocked.Increment(ref intake._throttled);
                request.HttpContext.Response.Headers.RetryAfter = "1";
                return Results.StatusCode(429);
            }
            foreach (var update in body["updates"]!.AsArray())
            {
                intake.Accepted.Enqueue((JsonObject)update!.DeepClone());
            }
            foreach (var change in body["changes"]?.AsArray() ?? [])
            {
                intake.AcceptedChanges.Enqueue((JsonObject)change!.DeepClone());
            }
            foreach (var item in body["events"]?.AsArray() ?? [])
            {
                intake._eventIds.TryAdd(item!["eventId"]!.GetValue<string>(), 0);
                intake.AcceptedEvents.Enqueue((JsonObject)item.DeepClone());
            }
            if (n == intake.ForgetAfter)
            {
                Interlocked.Increment(ref intake._forgotten);
                intake._knowsRun = false;
            }
            return Results.Accepted();
        });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
