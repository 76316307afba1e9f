using System.Collections.Concurrent;
using System.Diagnostics;
using Azure;
using Microsoft.Extensions.Options;
using PlateletTwins.IngestionService.Adt;
using PlateletTwins.IngestionService.DeadLetters;
using PlateletTwins.IngestionService.Diagnostics;
using PlateletTwins.IngestionService.Intake;
using PlateletTwins.IngestionService.Live;
using PlateletTwins.IngestionService.Provisioning;
using PlateletTwins.IngestionService.Scheduling;

namespace PlateletTwins.IngestionService.Twins;

/// <summary>
/// Drains the ready queue within ADT's budgets: each twin's pending state becomes one JSON Patch when the twin's and
/// the instance's rate allow, so updates to a busy twin coalesce only when its budget is spent. The write's span
/// continues the trace of the newest update it carries and links to every update folded into it. A patch ADT refuses
/// as a whole is split until the property it refuses is found: the good values land, only that one is dead-lettered.
/// A twin that vanished from ADT is provisioned (or, one the run created, restored) again and written whole. A lifecycle change goes alone, in the twin's
/// sequence, within the instance's create/delete budget and that of every twin it touches (<see cref="ChangeWriter"/>).
/// No exception ends a write loop.
/// </summary>
internal sealed partial class TwinWriter(
    TwinStateTable table,
    DigitalTwinsClient client,
    AdaptiveRateLimiter limiter,
    IOptions<WriteOptions> options,
    DeadLetterStore deadLetters,
    ChangeWriter changes,
    GraphRecovery recovery,
    LiveLab live,
    AdtHealth health,
    IngestionTelemetry telemetry,
    TimeProvider time,
    ILogger<TwinWriter> logger) : BackgroundService
{
    /// <summary>The pause before a twin whose write failed transiently (after the pipeline's own retries) is tried again.</summary>
    private static readonly TimeSpan TransientBackoff = TimeSpan.FromSeconds(1);

    /// <summary>Re-provisioning that does not bring a twin back this many times in a row: the write is dead-lettered.</summary>
    private const int MaxRecoveries = 3;

    /// <summary>A booking due within this is waited for in the loop; a later one puts the twin back in the queue until then.</summary>
    private static readonly TimeSpan InlineWait = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentDictionary<string, int> _recoveries = new(StringComparer.Ordinal);

    // Twins back in the queue until their booking comes due; each is in the queue once, so one loop holds it at a time.
    private readonly ConcurrentDictionary<TwinState, (TwinChange? For, Booking Booking)> _booked = new();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.Concurrency).Select(_ => WriteLoopAsync(stoppingToken)));

    private async Task WriteLoopAsync(CancellationToken stoppingToken)
    {
        await foreach (var state in table.Ready.ReadAllAsync(stoppingToken))
        {
            PendingWrite? write = null;
            try
            {
                // Waiting for the twin's and the instance's budget lets more updates fold into this one write.
                var (next, currentTarget) = state.Peek();
                if (!TryBookingOf(state, next, currentTarget, out var booking, out var retry))
                {
                    // Not within reach yet (a busy device's budget, the lab's): back in the queue until it may be,
                    // rather than waited for here, which would hold this loop from every other twin.
                    _ = RequeueLaterAsync(state, retry, stoppingToken);
                    continue;
                }
                if (limiter.Until(ref booking) is var due && due > InlineWait)
                {
                    _booked[state] = (next, booking);
                    _ = RequeueLaterAsync(state, due, stoppingToken);
                    continue;
                }
                await limiter.SpendAsync(booking, stoppingToken);
                write = table.Take(state);
                if (write.Change is { } change && change != next)
                {
                    // A change came before the one the budget was taken for (batches that crossed): its own budget too.
                    await AcquireAsync(state.TwinId, change, change.Relationship is { } r ? state.TargetOf(r.Id) : null, stoppingToken);
                }
                var (outcome, refused) = write.IsEmpty ? (WriteOutcome.Written, null)
                    : write.Change is { } taken ? (await WriteChangeAsync(write, taken, stoppingToken), null)
                    : await WriteAsync(state.TwinId, write, stoppingToken);
                if (outcome == WriteOutcome.RetryLater)
                {
                    await Task.Delay(TransientBackoff, time, stoppingToken);
                }
                table.Complete(state, write, outcome, refused);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                if (write is not null)
                {
                    // Stopping: the values stay pending (and in the journal) for the next start.
                    table.Complete(state, write, WriteOutcome.RetryLater);
                }
                return;
            }
            catch (Exception error)
            {
                LogLoopFailed(logger, state.TwinId, error);
                if (write is not null)
                {
                    table.Complete(state, write, WriteOutcome.RetryLater);
                }
                await Task.Delay(TransientBackoff, time, stoppingToken);
            }
            finally
            {
                // Counted in flight on its run from when it was taken (see TwinState.Take), so that a newer run of the
                // lab removes the run's twins only once none is being created.
                if (write?.Change is not null)
                {
                    write.Run?.ChangeEnded();
                }
            }
        }
    }

    // The booking made for the twin's next write when it was last taken from the queue, kept if that is still its next
    // write, else given back for others.
    private bool TryBookingOf(TwinState state, TwinChange? next, string? currentTarget, out Booking booking, out TimeSpan retry)
    {
        if (_booked.TryRemove(state, out var held))
        {
            if (held.For == next)
            {
                (booking, retry) = (held.Booking, TimeSpan.Zero);
                return true;
            }
            limiter.Release(held.Booking);
        }
        return next is null
            ? limiter.TryBook(WriteKind.Patch, [state.TwinId], out booking, out retry)
            : limiter.TryBook(WriteKind.CreateOrDelete, ChangeWriter.Twins(next, currentTarget), out booking, out retry);
    }

    private async Task RequeueLaterAsync(TwinState state, TimeSpan wait, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(wait, time, stoppingToken);
            table.Requeue(state);
        }
        catch (OperationCanceledException)
        {
            // Stopping: what the twin has queued stays in the journal for the next start.
        }
    }

    private Task AcquireAsync(string twinId, TwinChange? change, string? currentTarget, CancellationToken cancellationToken) => change is null
        ? limiter.AcquireAsync(twinId, cancellationToken)
        : limiter.AcquireAsync(WriteKind.CreateOrDelete, ChangeWriter.Twins(change, currentTarget), cancellationToken);

    private async Task<WriteOutcome> WriteChangeAsync(PendingWrite write, TwinChange change, CancellationToken cancellationToken)
    {
        var outcome = await changes.WriteAsync(write, change, RecoverAsync, cancellationToken);
        // Not on a restore: re-creating a twin always succeeds, and would reset the count of a recovery that never helps.
        if (outcome == WriteOutcome.Written && !write.Restores)
        {
            _recoveries.TryRemove(change.TwinId, out _);
        }
        return outcome;
    }

    private async Task<(WriteOutcome Outcome, IReadOnlyCollection<string>? Refused)> WriteAsync(string twinId, PendingWrite write, CancellationToken cancellationToken)
    {
        var links = write.Sources.Where(c => c != default && c != write.Parent).Select(c => new ActivityLink(c));
        using var activity = IngestionTelemetry.Source.StartActivity("update twin", ActivityKind.Internal, write.Parent, links: links);
        activity?.SetTag("digitaltwins.twin.id", twinId);
        activity?.SetTag("messaging.batch.message_count", write.UpdateCount);
        try
        {
            await client.UpdateDigitalTwinAsync(twinId, TwinPatchBuilder.Build(write), cancellationToken: cancellationToken);
            Written(twinId, write, write.Properties);
            return (WriteOutcome.Written, null);
        }
        catch (RequestFailedException error)
        {
            activity?.SetStatus(ActivityStatusCode.Error, error.ErrorCode);
            Failed(twinId, error);
            if (TransientFailures.IsTransient(error.Status))
            {
                return (WriteOutcome.RetryLater, null);
            }
            if (error.Status == 404 && error.ErrorCode == AdtErrorCodes.DigitalTwinNotFound && await RecoverAsync(twinId, cancellationToken))
            {
                return (WriteOutcome.RetryLater, null);
            }
            if (error.Status == 400 && write.Properties.Count > 1)
            {
                telemetry.Split.Add(1);
                return await IsolateAsync(twinId, write, cancellationToken);
            }
            DeadLetter(twinId, write, write.Properties, error.Status, error.ErrorCode, error.Message);
            return (WriteOutcome.DeadLettered, null);
        }
        catch (Exception error) when (error is not OperationCanceledException ? TransientFailures.IsTransient(error) : !cancellationToken.IsCancellationRequested)
        {
            // No answer (every attempt lost its connection or timed out): the write may or may not have landed;
            // writing it again is harmless.
            activity?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
            health.Failed(error.Message);
            return (WriteOutcome.RetryLater, null);
        }
    }

    // A twin of a run is gone: its run's graph comes back and the write is tried again with the twin's whole state.
    private async Task<bool> RecoverAsync(string twinId, CancellationToken cancellationToken)
    {
        var attempts = _recoveries.AddOrUpdate(twinId, 1, (_, n) => n + 1);
        var outcome = attempts > MaxRecoveries ? GraphRecovery.RecoveryOutcome.NotOurs : await recovery.RecoverAsync(twinId, cancellationToken);
        if (outcome == GraphRecovery.RecoveryOutcome.NotOurs)
        {
            _recoveries.TryRemove(twinId, out _);
            return false;
        }
        if (outcome == GraphRecovery.RecoveryOutcome.Failed)
        {
            // Only a recovery that went through and did not bring the twin back counts towards giving up.
            _recoveries.AddOrUpdate(twinId, 0, (_, n) => n - 1);
        }
        // Recovered, or failed for now (ADT unreachable): either way the write is tried again.
        table.RestoreFullState(twinId);
        return true;
    }

    // Halves the patch until each refused property stands alone: what ADT takes lands, each refusal is a dead letter of its own.
    private async Task<(WriteOutcome, IReadOnlyCollection<string>?)> IsolateAsync(string twinId, PendingWrite write, CancellationToken cancellationToken)
    {
        var refused = new List<(KeyValuePair<string, PendingProperty> Property, RequestFailedException Error)>();
        var pending = new Stack<KeyValuePair<string, PendingProperty>[]>();
        var ordered = write.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
        pending.Push(ordered[..(ordered.Length / 2)]);
        pending.Push(ordered[(ordered.Length / 2)..]);
        while (pending.TryPop(out var part))
        {
            await limiter.AcquireAsync(twinId, cancellationToken);
            try
            {
                await client.UpdateDigitalTwinAsync(twinId, TwinPatchBuilder.Build(part), cancellationToken: cancellationToken);
                Written(twinId, null, part.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
            }
            catch (RequestFailedException error) when (!TransientFailures.IsTransient(error.Status) && error.Status != 404)
            {
                if (part.Length > 1)
                {
                    pending.Push(part[..(part.Length / 2)]);
                    pending.Push(part[(part.Length / 2)..]);
                }
                else
                {
                    refused.Add((part[0], error));
                }
            }
            catch (Exception error) when (error is RequestFailedException || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Transient, or the twin is gone: the whole write again later (rewriting what landed is harmless).
                health.Failed(error.Message);
                return (WriteOutcome.RetryLater, null);
            }
        }
        foreach (var (property, error) in refused)
        {
            DeadLetter(twinId, write, [property], error.Status, error.ErrorCode, error.Message);
        }
        var names = refused.Select(r => r.Property.Key).ToList();
        LogIsolated(logger, twinId, write.Properties.Count, string.Join(", ", names));
        return names.Count == write.Properties.Count ? (WriteOutcome.DeadLettered, names) : (WriteOutcome.Written, names);
    }

    private void Written(string twinId, PendingWrite? write, IReadOnlyDictionary<string, PendingProperty> properties)
    {
        _recoveries.TryRemove(twinId, out _);
        limiter.OnSucceeded();
        health.Succeeded();
        telemetry.Written.Add(1);
        live.Written(twinId, properties);
        if (write is not null)
        {
            // All but one of the updates a write carries were folded into it.
            telemetry.Coalesced.Add(Math.Max(0, write.UpdateCount - 1));
            var now = time.GetUtcNow();
            foreach (var created in write.CreatedAt)
            {
                telemetry.EndToEndLatency.Record((now - created).TotalSeconds);
            }
        }
    }

    private void Failed(string twinId, RequestFailedException error)
    {
        telemetry.Failed.Add(1, new KeyValuePair<string, object?>("error.type", error.ErrorCode ?? error.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (TransientFailures.IsTransient(error.Status))
        {
            health.Failed($"{error.Status} {error.ErrorCode}");
        }
        LogWriteFailed(logger, twinId, error.Status, error.ErrorCode, error.Message);
    }

    private void DeadLetter(string twinId, PendingWrite write, IEnumerable<KeyValuePair<string, PendingProperty>> properties, int status, string? errorCode, string reason)
    {
        var runId = write.Updates.Count > 0 ? write.Updates[0].Progress?.RunId : null;
        deadLetters.Add(twinId, runId, properties, write.UpdateCount, status, errorCode, reason);
        telemetry.DeadLettered.Add(write.UpdateCount);
        LogDeadLettered(logger, twinId, status, errorCode);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Write to twin {TwinId} failed with {Status} {ErrorCode}: {Message}")]
    private static partial void LogWriteFailed(ILogger logger, string twinId, int status, string? errorCode, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "A write to twin {TwinId} is dead-lettered: ADT refused it for good ({Status} {ErrorCode})")]
    private static partial void LogDeadLettered(ILogger logger, string twinId, int status, string? errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ADT refused a patch of {Count} properties to {TwinId}; split, it refused only: {Refused}")]
    private static partial void LogIsolated(ILogger logger, string twinId, int count, string refused);

    [LoggerMessage(Level = LogLevel.Error, Message = "The write loop failed on twin {TwinId}; its values wait for the next write")]
    private static partial void LogLoopFailed(ILogger logger, string twinId, Exception error);
}
