using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Azure;
using PlateletTwins.IngestionService.Adt;
using PlateletTwins.IngestionService.DeadLetters;
using PlateletTwins.IngestionService.Durability;
using PlateletTwins.IngestionService.Diagnostics;
using PlateletTwins.IngestionService.Intake;
using PlateletTwins.IngestionService.Live;
using PlateletTwins.IngestionService.Scheduling;

namespace PlateletTwins.IngestionService.Twins;

/// <summary>
/// Writes one lifecycle change to ADT. Each is idempotent, so that a change replayed after a crash (ADT may have taken
/// it before) is harmless: a twin is created with If-None-Match: * (412, it exists from an earlier attempt: done), a
/// relationship is put whole under its id (a move is the same PUT with the new target), a delete that finds nothing
/// (404) is done. Before it is sent, its mark is made durable (<see cref="ChangeMarks"/>), so that a replay after a
/// crash redoes at most this one change of the twin. A transient failure is tried again later; any other refusal is
/// dead-lettered, as a write's is.
/// </summary>
public sealed partial class ChangeWriter(
    DigitalTwinsClient client,
    ChangeMarks marks,
    AdaptiveRateLimiter limiter,
    DeadLetterStore deadLetters,
    LiveLab live,
    AdtHealth health,
    IngestionTelemetry telemetry,
    ILogger<ChangeWriter> logger)
{
    /// <summary>The twins whose budget the change spends: its own, a relationship's target, and the target it has in ADT now (a move's or a delete's).</summary>
    public static IReadOnlyCollection<string> Twins(TwinChange change, string? currentTarget)
    {
        var twins = new List<string>(3) { change.TwinId };
        if (change.Kind == TwinChangeKinds.PutRelationship && change.Relationship?.TargetId is { } target && !twins.Contains(target))
        {
            twins.Add(target);
        }
        if (change.Kind is TwinChangeKinds.PutRelationship or TwinChangeKinds.DeleteRelationship && currentTarget is not null && !twins.Contains(currentTarget))
        {
            twins.Add(currentTarget);
        }
        return twins;
    }

    public async Task<WriteOutcome> WriteAsync(PendingWrite write, TwinChange change, CancellationToken cancellationToken)
    {
        using var activity = IngestionTelemetry.Source.StartActivity(ActivityName(change.Kind), ActivityKind.Internal, write.Parent);
        activity?.SetTag("digitaltwins.twin.id", change.TwinId);
        activity?.SetTag("digitaltwins.relationship.id", change.Relationship?.Id);
        try
        {
            await marks.RecordAsync(change.TwinId, write.Epoch, change.Sequence);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Not durable: not sent either; tried again later.
            LogMarkFailed(logger, change.TwinId, error);
            return WriteOutcome.RetryLater;
        }
        try
        {
            await SendAsync(change, cancellationToken);
            Written(change);
            return WriteOutcome.Written;
        }
        catch (RequestFailedException error) when (IsDoneAlready(change.Kind, error))
        {
            // Done by an earlier attempt (a replay after a crash, a retry whose first answer was lost).
            Written(change);
            return WriteOutcome.Written;
        }
        catch (RequestFailedException error)
        {
            activity?.SetStatus(ActivityStatusCode.Error, error.ErrorCode);
            telemetry.Failed.Add(1, new KeyValuePair<string, object?>("error.type", error.ErrorCode ?? error.Status.ToString(CultureInfo.InvariantCulture)));
            LogChangeFailed(logger, change.Kind, change.TwinId, error.Status, error.ErrorCode, error.Message);
            if (TransientFailures.IsTransient(error.Status))
            {
                health.Failed($"{error.Status} {error.ErrorCode}");
                return WriteOutcome.RetryLater;
            }
            deadLetters.AddChange(change, write.Run?.RunId, error.Status, error.ErrorCode, error.Message);
            telemetry.DeadLettered.Add(1);
            return WriteOutcome.DeadLettered;
        }
        catch (Exception error) when (error is not OperationCanceledException ? TransientFailures.IsTransient(error) : !cancellationToken.IsCancellationRequested)
        {
            // No answer at all: the change may or may not have landed; doing it again is harmless.
            activity?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
            health.Failed(error.Message);
            return WriteOutcome.RetryLater;
        }
    }

    private async Task SendAsync(TwinChange change, CancellationToken cancellationToken)
    {
        var relationship = change.Relationship;
        switch (change.Kind)
        {
            case TwinChangeKinds.CreateTwin:
                await client.CreateOrReplaceDigitalTwinAsync(change.TwinId, NewTwin(change), ETag.All, cancellationToken);
                break;
            case TwinChangeKinds.DeleteTwin:
                await client.DeleteDigitalTwinAsync(change.TwinId, cancellationToken: cancellationToken);
                break;
            case TwinChangeKinds.PutRelationship:
                var body = new JsonObject { ["$relationshipName"] = relationship!.Name, ["$targetId"] = relationship.TargetId };
                foreach (var (name, value) in relationship.Properties ?? [])
                {
                    body[name] = value?.DeepClone();
                }
                await client.CreateOrReplaceRelationshipAsync(change.TwinId, relationship.Id, body, cancellationToken: cancellationToken);
                break;
            default:
                await client.DeleteRelationshipAsync(change.TwinId, relationship!.Id, cancellationToken: cancellationToken);
                break;
        }
    }

    // The twin as ADT creates it: its first values, each with the simulated instant it has them from.
    private static JsonObject NewTwin(TwinChange change)
    {
        var sourceTime = change.SourceTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        var metadata = new JsonObject { ["$model"] = change.ModelId };
        var twin = new JsonObject();
        foreach (var (name, value) in change.Properties ?? [])
        {
            twin[name] = value?.DeepClone();
            metadata[name] = new JsonObject { ["sourceTime"] = sourceTime };
        }
        twin["$metadata"] = metadata;
        return twin;
    }

    private static bool IsDoneAlready(string kind, RequestFailedException error) => kind switch
    {
        TwinChangeKinds.CreateTwin => error.Status is 412 or 409,
        TwinChangeKinds.DeleteTwin => error.Status == 404 && error.ErrorCode == "DigitalTwinNotFound",
        TwinChangeKinds.DeleteRelationship => error.Status == 404 && error.ErrorCode is "RelationshipNotFound" or "DigitalTwinNotFound",
        _ => false,
    };

    private void Written(TwinChange change)
    {
        limiter.OnSucceeded();
        health.Succeeded();
        telemetry.ChangesWritten.Add(1, new KeyValuePair<string, object?>("digitaltwins.change.kind", change.Kind));
        live.ChangeWritten(change);
    }

    private static string ActivityName(string kind) => kind switch
    {
        TwinChangeKinds.CreateTwin => "create twin",
        TwinChangeKinds.DeleteTwin => "delete twin",
        TwinChangeKinds.PutRelationship => "put relationship",
        _ => "delete relationship",
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "The change mark of twin {TwinId} could not be stored; the change waits")]
    private static partial void LogMarkFailed(ILogger logger, string twinId, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} of twin {TwinId} failed with {Status} {ErrorCode}: {Message}")]
    private static partial void LogChangeFailed(ILogger logger, string kind, string twinId, int status, string? errorCode, string message);
}
