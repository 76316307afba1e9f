using System.Diagnostics;
using System.Text.Json.Nodes;
using Azure;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.IngestionService.Adt;
using PlateletTwins.IngestionService.DeadLetters;
using PlateletTwins.IngestionService.Diagnostics;
using PlateletTwins.IngestionService.Live;
using PlateletTwins.IngestionService.Provisioning;

namespace PlateletTwins.IngestionService.Events;

/// <summary>
/// Sends discrete events to ADT's telemetry API one after another, each with its event id as Message-Id and its
/// simulated instant as Telemetry-Source-Time, as <c>{"event": {"type", "detail"}}</c> (the Device model's telemetry).
/// A transient failure is retried with the same Message-Id; a twin that vanished is provisioned again first; a
/// refusal, or an event that cannot be sent at all, goes to the dead letters. No exception ends the loop.
/// </summary>
internal sealed partial class EventSender(
    PendingEvents queue,
    DigitalTwinsClient client,
    DeadLetterStore deadLetters,
    GraphRecovery recovery,
    LiveLab live,
    AdtHealth health,
    IngestionTelemetry telemetry,
    TimeProvider time,
    ILogger<EventSender> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private const int MaxRecoveries = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var pending in queue.Reader.ReadAllAsync(stoppingToken))
            {
                var recoveries = 0;
                while (true)
                {
                    var outcome = await SendAsync(pending, recoveries < MaxRecoveries, stoppingToken);
                    if (outcome == Outcome.Recovered)
                    {
                        recoveries++;
                        continue;
                    }
                    if (outcome != Outcome.RetryLater)
                    {
                        queue.Done(pending, deadLettered: outcome == Outcome.DeadLettered);
                        break;
                    }
                    await Task.Delay(RetryDelay, time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is pending stays in the journal for the next start.
        }
    }

    private async Task<Outcome> SendAsync(PendingEvent pending, bool mayRecover, CancellationToken cancellationToken)
    {
        var discreteEvent = pending.Event;
        var parent = ActivityContext.TryParse(discreteEvent.TraceParent, null, out var context) ? context : default;
        using var activity = IngestionTelemetry.Source.StartActivity("publish event", ActivityKind.Internal, parent);
        activity?.SetTag("digitaltwins.twin.id", discreteEvent.TwinId);
        activity?.SetTag("messaging.message.id", discreteEvent.EventId);
        var payload = new JsonObject { [DeviceModel.Event] = new JsonObject { ["type"] = discreteEvent.Type, ["detail"] = discreteEvent.Detail ?? "" } };
        try
        {
            await client.PublishTelemetryAsync(discreteEvent.TwinId, discreteEvent.EventId, payload.ToJsonString(), discreteEvent.SourceTime, cancellationToken);
            health.Succeeded();
            telemetry.EventsSent.Add(1);
            live.EventSent(discreteEvent);
            return Outcome.Sent;
        }
        catch (RequestFailedException error) when (TransientFailures.IsTransient(error.Status))
        {
            activity?.SetStatus(ActivityStatusCode.Error, error.ErrorCode);
            health.Failed($"{error.Status} {error.ErrorCode}");
            return Outcome.RetryLater;
        }
        catch (RequestFailedException error)
        {
            activity?.SetStatus(ActivityStatusCode.Error, error.ErrorCode);
            if (error.Status == 404 && error.ErrorCode == AdtErrorCodes.DigitalTwinNotFound && mayRecover
                && await recovery.RecoverAsync(discreteEvent.TwinId, cancellationToken) is var recovered && recovered != GraphRecovery.RecoveryOutcome.NotOurs)
            {
                return recovered == GraphRecovery.RecoveryOutcome.Recovered ? Outcome.Recovered : Outcome.RetryLater;
            }
            return DeadLetter(pending, error.Status, error.ErrorCode, error.Message);
        }
        catch (Exception error) when (error is not OperationCanceledException ? TransientFailures.IsTransient(error) : !cancellationToken.IsCancellationRequested)
        {
            // No answer at all (every attempt lost its connection or timed out): the same Message-Id again later.
            health.Failed(error.Message);
            return Outcome.RetryLater;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Not ADT's answer: the request could not even be made (a header HttpClient refuses, say). It would fail again.
            activity?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
            LogUnsendable(logger, discreteEvent.EventId, error);
            return DeadLetter(pending, 0, error.GetType().Name, error.Message);
        }
    }

    private Outcome DeadLetter(PendingEvent pending, int status, string? errorCode, string reason)
    {
        LogRefused(logger, pending.Event.EventId, pending.Event.TwinId, status, errorCode);
        deadLetters.AddEvent(pending.Event, pending.Run?.RunId, status, errorCode, reason);
        telemetry.DeadLettered.Add(1);
        return Outcome.DeadLettered;
    }

    private enum Outcome
    {
        Sent,
        RetryLater,
        Recovered,
        DeadLettered,
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "ADT refused event {EventId} of {TwinId}: {Status} {ErrorCode}")]
    private static partial void LogRefused(ILogger logger, string eventId, string twinId, int status, string? errorCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event {EventId} cannot be sent to ADT as it is; it is dead-lettered")]
    private static partial void LogUnsendable(ILogger logger, string eventId, Exception error);
}
