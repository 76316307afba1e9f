using System.Diagnostics;
using System.Text.Json.Nodes;
using Azure;
using PlateletTwins.IngestionService.Adt;
using PlateletTwins.IngestionService.DeadLetters;
using PlateletTwins.IngestionService.Diagnostics;
using PlateletTwins.IngestionService.Intake;
using PlateletTwins.IngestionService.Live;

namespace PlateletTwins.IngestionService.Events;

/// <summary>
/// Sends discrete events to ADT's telemetry API one after another, each with its event id as Message-Id and its
/// simulated instant as Telemetry-Source-Time, as <c>{"event": {"type", "detail"}}</c> (the Device model's telemetry).
/// A transient failure is retried with the same Message-Id; a refusal goes to the dead letters.
/// </summary>
public sealed partial class EventSender(
    PendingEvents queue,
    DigitalTwinsClient client,
    DeadLetterStore deadLetters,
    LiveLab live,
    IngestionTelemetry telemetry,
    TimeProvider time,
    ILogger<EventSender> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var discreteEvent in queue.Reader.ReadAllAsync(stoppingToken))
        {
            while (!await SendAsync(discreteEvent, stoppingToken))
            {
                await Task.Delay(RetryDelay, time, stoppingToken);
            }
        }
    }

    /// <summary>True when the event is done with: sent, or dead-lettered.</summary>
    private async Task<bool> SendAsync(DiscreteEvent discreteEvent, CancellationToken cancellationToken)
    {
        var parent = ActivityContext.TryParse(discreteEvent.TraceParent, null, out var context) ? context : default;
        using var activity = IngestionTelemetry.Source.StartActivity("publish event", ActivityKind.Internal, parent);
        activity?.SetTag("digitaltwins.twin.id", discreteEvent.TwinId);
        activity?.SetTag("messaging.message.id", discreteEvent.EventId);
        var payload = new JsonObject { ["event"] = new JsonObject { ["type"] = discreteEvent.Type, ["detail"] = discreteEvent.Detail ?? "" } };
        try
        {
            await client.PublishTelemetryAsync(discreteEvent.TwinId, discreteEvent.EventId, payload.ToJsonString(), discreteEvent.SourceTime, cancellationToken);
            telemetry.EventsSent.Add(1);
            live.EventSent(discreteEvent);
            return true;
        }
        catch (RequestFailedException error) when (TransientFailures.IsTransient(error.Status))
        {
            activity?.SetStatus(ActivityStatusCode.Error, error.ErrorCode);
            return false;
        }
        catch (RequestFailedException error)
        {
            activity?.SetStatus(ActivityStatusCode.Error, error.ErrorCode);
            LogRefused(logger, discreteEvent.EventId, discreteEvent.TwinId, error.Status, error.ErrorCode);
            deadLetters.AddEvent(discreteEvent, error.Status, error.ErrorCode, error.Message);
            telemetry.DeadLettered.Add(1);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "ADT refused event {EventId} of {TwinId}: {Status} {ErrorCode}")]
    private static partial void LogRefused(ILogger logger, string eventId, string twinId, int status, string? errorCode);
}
