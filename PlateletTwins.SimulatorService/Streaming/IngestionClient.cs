using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PlateletTwins.Http;

namespace PlateletTwins.SimulatorService.Streaming;

/// <summary>
/// The ingestion service's intake, as the simulator uses it. Never throws but for the caller's cancellation: whatever
/// goes wrong on the way (a refused connection, a timeout, a reset) is an outcome to retry. One request is one attempt:
/// the caller retries (<see cref="RunStreamer"/>), and the client has no resilience handler of its own.
/// </summary>
internal sealed class IngestionClient(HttpClient http, IOptions<StreamingOptions> options, TimeProvider time)
{
    public const string IntakeKeyHeader = "X-Intake-Key";

    public async Task<SendOutcome> StartRunAsync(RunStartMessage run, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Post, "api/runs", run, cancellationToken);

    public async Task<SendOutcome> SendBatchAsync(TelemetryBatchMessage batch, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Post, "api/telemetry", batch, cancellationToken);

    /// <summary>What of the run has reached ADT; the body is in <see cref="SendOutcome.Body"/> when accepted.</summary>
    public async Task<SendOutcome> GetRunStatusAsync(string runId, CancellationToken cancellationToken) =>
        await SendAsync<object>(HttpMethod.Get, $"api/runs/{Uri.EscapeDataString(runId)}", null, cancellationToken);

    private async Task<SendOutcome> SendAsync<T>(HttpMethod method, string path, T? body, CancellationToken cancellationToken)
    {
        // The attempt's bound, here rather than on the HttpClient, so that every composition of the client has it.
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(options.Value.RequestTimeout);
        try
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Add(IntakeKeyHeader, options.Value.IntakeKey);
            using var response = await http.SendAsync(request, attempt.Token);
            var text = await response.Content.ReadAsStringAsync(attempt.Token);
            return response.StatusCode switch
            {
                HttpStatusCode.OK or HttpStatusCode.Accepted => SendOutcome.Accepted(Parse(text)),
                HttpStatusCode.MultiStatus => SendOutcome.PartlyRejected(text, Parse(text)),
                HttpStatusCode.NotFound => SendOutcome.UnknownRun(text),
                HttpStatusCode.Conflict => SendOutcome.Superseded(text),
                HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable => SendOutcome.RetryLater(RetryAfter.Parse(response.Headers.RetryAfter, time), text),
                _ when (int)response.StatusCode >= 500 => SendOutcome.RetryLater(null, text),
                _ => SendOutcome.Refused((int)response.StatusCode, text),
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception error)
        {
            // Connection refused, a hang cut short by the attempt's bound (Streaming:RequestTimeout), a reset…
            return SendOutcome.RetryLater(null, $"{error.GetType().Name}: {error.Message}");
        }
    }

    private static JsonObject? Parse(string text)
    {
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>What became of a request to the intake.</summary>
internal sealed record SendOutcome(SendStatus Status, TimeSpan? RetryAfter, int HttpStatus, string? Detail, JsonObject? Body = null)
{
    public static SendOutcome Accepted(JsonObject? body) => new(SendStatus.Accepted, null, 202, null, body);

    public static SendOutcome PartlyRejected(string detail, JsonObject? body) => new(SendStatus.PartlyRejected, null, 207, detail, body);

    public static SendOutcome RetryLater(TimeSpan? after, string? detail) => new(SendStatus.RetryLater, after, 0, detail);

    public static SendOutcome Refused(int status, string? detail) => new(SendStatus.Refused, null, status, detail);

    public static SendOutcome UnknownRun(string? detail) => new(SendStatus.UnknownRun, null, 404, detail);

    public static SendOutcome Superseded(string? detail) => new(SendStatus.Superseded, null, 409, detail);
}

public enum SendStatus
{
    Accepted,
    PartlyRejected,
    RetryLater,
    Refused,

    /// <summary>The intake does not know the run: it lost it (restarted without its data).</summary>
    UnknownRun,

    /// <summary>A newer run of the same lab started: this one is abandoned.</summary>
    Superseded,
}
