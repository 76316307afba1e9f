using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Azure;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.Dtdl.Values;
using PlateletTwins.IngestionService.Adt;
using PlateletTwins.IngestionService.DeadLetters;
using PlateletTwins.IngestionService.Diagnostics;
using PlateletTwins.IngestionService.Durability;
using PlateletTwins.IngestionService.Intake;
using PlateletTwins.IngestionService.Live;
using PlateletTwins.IngestionService.Scheduling;

namespace PlateletTwins.IngestionService.Twins;

/// <summary>
/// Writes one lifecycle change to ADT. Each is idempotent, so that a change replayed after a crash (ADT may have taken
/// it before) is harmless: a twin is created with If-None-Match: * (412, it exists from an earlier attempt: done), a
/// relationship is put whole under its id (a move is the same PUT with the new target), a delete that finds nothing
/// (404) is done. Before it is sent, its mark is made durable (<see cref="ChangeMarks"/>), so that a replay after a
/// crash redoes at most this one change of the twin. A transient failure is tried again later, as is a change that
/// finds ADT lost what it needs (a relationship's twins, a model: once the graph is recovered); any other refusal is
/// dead-lettered, as a write's is.
/// </summary>
internal sealed partial class ChangeWriter(
    DigitalTwinsClient client,
    ChangeMarks marks,
    AdaptiveRateLimiter limiter,
    DeadLetterStore deadLetters,
    LiveLab live,
    AdtHealth health,
    IngestionTelemetry telemetry,
    TimeProvider time,
    ILogger<ChangeWriter> logger)
{
    /// <summary>The twins whose budget the change spends: its own, a relationship's target, and the target it has in ADT now (a move's or a delete's).</summary>
    public static IReadOnlyCollection<string> Twins(TwinChange change, string? currentTarget)
    {
        var twins = new List<string>(3) { change.TwinId };
        if (change.Kind == TwinChangeKind.PutRelationship && change.Relationship?.TargetId is { } target && !twins.Contains(target))
        {
            twins.Add(target);
        }
        if (change.Kind is TwinChangeKind.PutRelationship or TwinChangeKind.DeleteRelationship && currentTarget is not null && !twins.Contains(currentTarget))
        {
            twins.Add(currentTarget);
        }
        return twins;
    }

    /// <summary>
    /// Writes the change; <paramref name="recover"/> brings back the graph of a twin ADT has lost (see
    /// <c>GraphRecovery</c>) and says whether to try again.
    /// </summary>
    public async Task<WriteOutcome> WriteAsync(PendingWrite write, TwinChange change, Func<string, CancellationToken, Task<bool>> recover, CancellationToken cancellationToken)
    {
        using var activity = IngestionTelemetry.Source.StartActivity(ActivityName(change.Kind, write.Restores), ActivityKind.Internal, write.Parent);
        activity?.SetTag("digitaltwins.twin.id", change.TwinId);
        activity?.SetTag("digitaltwins.relationship.id", change.Relationship?.Id);
        try
        {
            if (!write.Restores)
            {
                await marks.RecordAsync(change.TwinId, write.Epoch, change.Sequence);
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Not durable: not sent either; tried again later.
            LogMarkFailed(logger, change.TwinId, error);
            return WriteOutcome.RetryLater;
        }
        try
        {
            await SendAsync(write, change, cancellationToken);
            Written(write, change);
            return WriteOutcome.Written;
        }
        catch (RequestFailedException error) when (IsDoneAlready(change.Kind, error))
        {
            // Done by an earlier attempt (a replay after a crash, a retry whose first answer was lost).
            Written(write, change);
            return WriteOutcome.Written;
        }
        catch (RequestFailedException error)
        {
            activity?.SetStatus(ActivityStatusCode.Error, error.ErrorCode);
            telemetry.Failed.Add(1, new KeyValuePair<string, object?>("error.type", error.ErrorCode ?? error.Status.ToString(CultureInfo.InvariantCulture)));
            LogChangeFailed(logger, TwinChangeKinds.Name(change.Kind!.Value), change.TwinId, error.Status, error.ErrorCode, error.Message);
            if (TransientFailures.IsTransient(error.Status))
            {
                health.Failed($"{error.Status} {error.ErrorCode}");
                return WriteOutcome.RetryLater;
            }
            if (await LostTwinAsync(change, error, cancellationToken) is { } lost && (lost.Length == 0 || await recover(lost, cancellationToken)))
            {
                // What the change needs is gone from ADT: the run's graph comes back, then the change goes again (also
                // when ADT could not say whether it lost the model).
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

    private async Task SendAsync(PendingWrite write, TwinChange change, CancellationToken cancellationToken)
    {
        var relationship = change.Relationship;
        switch (change.Kind)
        {
            case TwinChangeKind.CreateTwin:
                await client.CreateOrReplaceDigitalTwinAsync(change.TwinId, NewTwin(change, write.Properties), ETag.All, cancellationToken);
                break;
            case TwinChangeKind.DeleteTwin:
                await client.DeleteDigitalTwinAsync(change.TwinId, cancellationToken: cancellationToken);
                break;
            case TwinChangeKind.PutRelationship:
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

    // The twin as ADT creates it: its first values (a restored twin's, those ADT had acknowledged), each with the
    // simulated instant it has them from.
    private static JsonObject NewTwin(TwinChange change, IReadOnlyDictionary<string, PendingProperty> restored)
    {
        var metadata = new JsonObject { ["$model"] = change.ModelId };
        var twin = new JsonObject();
        foreach (var (name, value) in change.Properties ?? [])
        {
            twin[name] = value?.DeepClone();
            metadata[name] = new JsonObject { ["sourceTime"] = AdtTime.Format(change.SourceTime) };
        }
        foreach (var (name, property) in restored)
        {
            twin[name] = property.Value.DeepClone();
            metadata[name] = new JsonObject { ["sourceTime"] = AdtTime.Format(property.SourceTime) };
        }
        twin["$metadata"] = metadata;
        return twin;
    }

    private static bool IsDoneAlready(TwinChangeKind? kind, RequestFailedException error) => kind switch
    {
        TwinChangeKind.CreateTwin => error.Status is 412 or 409,
        TwinChangeKind.DeleteTwin => error.Status == 404 && error.ErrorCode == AdtErrorCodes.DigitalTwinNotFound,
        TwinChangeKind.DeleteRelationship => error.Status == 404 && error.ErrorCode is AdtErrorCodes.RelationshipNotFound or AdtErrorCodes.DigitalTwinNotFound,
        _ => false,
    };

    // ADT lost what the intake saw it take: a relationship's twin or target (created before), or the model of a twin
    // to create (the intake validated the twin against the models provisioning uploads). Returns the twin whose graph to
    // recover, "" when ADT could not tell (try again later), null when nothing was lost. ADT refuses a twin of a model it
    // does not have as it does an invalid one (400 ValidationFailed), so the model is looked up to tell them apart.
    private async Task<string?> LostTwinAsync(TwinChange change, RequestFailedException error, CancellationToken cancellationToken)
    {
        switch (change.Kind)
        {
            case TwinChangeKind.PutRelationship when error.Status == 404:
                return error.ErrorCode switch
                {
                    AdtErrorCodes.DigitalTwinNotFound => change.TwinId,
                    AdtErrorCodes.TargetDigitalTwinNotFound => change.Relationship!.TargetId,
                    _ => null,
                };
            case TwinChangeKind.CreateTwin when error.Status == 400 && error.ErrorCode == AdtErrorCodes.ValidationFailed:
                try
                {
                    await client.GetModelAsync(change.ModelId!, cancellationToken);
                    return null;
                }
                catch (RequestFailedException lookup) when (lookup.Status == 404)
                {
                    return change.TwinId;
                }
                catch (Exception lookup) when (lookup is RequestFailedException or HttpRequestException || (lookup is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    return "";
                }
            default:
                return null;
        }
    }

    private void Written(PendingWrite write, TwinChange change)
    {
        limiter.OnSucceeded();
        health.Succeeded();
        if (!write.Restores)
        {
            // A restore is counted as the twin's recovery (see GraphRecovery); the live view has the pool already.
            telemetry.ChangesWritten.Add(1, new KeyValuePair<string, object?>("digitaltwins.change.kind", TwinChangeKinds.Name(change.Kind!.Value)));
            live.ChangeWritten(change);
            var now = time.GetUtcNow();
            foreach (var created in write.CreatedAt)
            {
                telemetry.EndToEndLatency.Record((now - created).TotalSeconds);
            }
        }
    }

    private static string ActivityName(TwinChangeKind? kind, bool restores) => (kind, restores) switch
    {
        (TwinChangeKind.CreateTwin, true) => "restore twin",
        (TwinChangeKind.CreateTwin, _) => "create twin",
        (TwinChangeKind.DeleteTwin, _) => "delete twin",
        (TwinChangeKind.PutRelationship, true) => "restore relationship",
        (TwinChangeKind.PutRelationship, _) => "put relationship",
        _ => "delete relationship",
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "The change mark of twin {TwinId} could not be stored; the change waits")]
    private static partial void LogMarkFailed(ILogger logger, string twinId, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} of twin {TwinId} failed with {Status} {ErrorCode}: {Message}")]
    private static partial void LogChangeFailed(ILogger logger, string kind, string twinId, int status, string? errorCode, string message);
}
