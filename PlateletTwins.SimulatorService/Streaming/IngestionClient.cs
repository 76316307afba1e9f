using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace PlateletTwins.SimulatorService.Streaming;

/// <summary>The ingestion service's intake, as the simulator uses it.</summary>
public sealed class IngestionClient(HttpClient http, IOptions<StreamingOptions> options)
{
    public const string IntakeKeyHeader = "X-Intake-Key";

    public async Task<SendOutcome> StartRunAsync(RunStartMessage run, CancellationToken cancellationToken) =>
        await SendAsync("api/runs", run, cancellationToken);

    public async Task<SendOutcome> SendBatchAsync(TelemetryBatchMessage batch, CancellationToken cancellationToken) =>
        await SendAsync("api/telemetry", batch, cancellationToken);

    private async Task<SendOutcome> SendAsync<T>(string path, T body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add(IntakeKeyHeader, options.Value.IntakeKey);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var detail = response.IsSuccessStatusCode ? null : await response.Content.ReadAsStringAsync(cancellationToken);
            return response.StatusCode switch
            {
                HttpStatusCode.OK or HttpStatusCode.Accepted => SendOutcome.Accepted(),
                HttpStatusCode.MultiStatus => SendOutcome.PartlyRejected(await response.Content.ReadAsStringAsync(cancellationToken)),
                HttpStatusCode.NotFound => SendOutcome.UnknownRun(detail),
                HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable => SendOutcome.RetryLater(RetryAfter(response), detail),
                _ when (int)response.StatusCode >= 500 => SendOutcome.RetryLater(null, detail),
                _ => SendOutcome.Refused((int)response.StatusCode, detail),
            };
        }
        catch (HttpRequestException error)
        {
            return SendOutcome.RetryLater(null, error.Message);
        }
        catch (TaskCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            return SendOutcome.RetryLater(null, error.Message);
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta
        ?? (response.Headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
}

/// <summary>What became of a request to the intake.</summary>
public sealed record SendOutcome(SendStatus Status, TimeSpan? RetryAfter, int HttpStatus, string? Detail)
{
    public static SendOutcome Accepted() => new(SendStatus.Accepted, null, 202, null);

    public static SendOutcome PartlyRejected(string detail) => new(SendStatus.PartlyRejected, null, 207, detail);

    public static SendOutcome RetryLater(TimeSpan? after, string? detail) => new(SendStatus.RetryLater, after, 0, detail);

    public static SendOutcome Refused(int status, string? detail) => new(SendStatus.Refused, null, status, detail);

    public static SendOutcome UnknownRun(string? detail) => new(SendStatus.UnknownRun, null, 404, detail);
}

public enum SendStatus
{
    Accepted,
    PartlyRejected,
    RetryLater,
    Refused,

    /// <summary>The intake does not know the run: it restarted since the run began.</summary>
    UnknownRun,
}
