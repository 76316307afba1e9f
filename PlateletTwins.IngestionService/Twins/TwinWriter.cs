using System.Diagnostics;
using Azure;
using Microsoft.Extensions.Options;
using PlateletTwins.IngestionService.Adt;
using PlateletTwins.IngestionService.DeadLetters;
using PlateletTwins.IngestionService.Diagnostics;
using PlateletTwins.IngestionService.Live;
using PlateletTwins.IngestionService.Scheduling;

namespace PlateletTwins.IngestionService.Twins;

/// <summary>
/// Drains the ready queue within ADT's budgets: each twin's pending state becomes one JSON Patch when the twin's and
/// the instance's rate allow, so updates to a busy twin coalesce only when its budget is spent. The write's span
/// continues the trace of the newest update it carries and links to every update folded into it.
/// </summary>
public sealed partial class TwinWriter(
    TwinStateTable table,
    DigitalTwinsClient client,
    AdaptiveRateLimiter limiter,
    IOptions<WriteOptions> options,
    DeadLetterStore deadLetters,
    LiveLab live,
    IngestionTelemetry telemetry,
    TimeProvider time,
    ILogger<TwinWriter> logger) : BackgroundService
{
    /// <summary>The pause before a twin whose write failed transiently (after the pipeline's own retries) is tried again.</summary>
    private static readonly TimeSpan TransientBackoff = TimeSpan.FromSeconds(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.Concurrency).Select(_ => WriteLoopAsync(stoppingToken)));

    private async Task WriteLoopAsync(CancellationToken stoppingToken)
    {
        await foreach (var state in table.Ready.ReadAllAsync(stoppingToken))
        {
            // Waiting for the twin's and the instance's budget lets more updates fold into this one write.
            await limiter.AcquireAsync(state.TwinId, stoppingToken);
            var write = state.Take();
            var outcome = write.IsEmpty ? WriteOutcome.Written : await WriteAsync(state.TwinId, write, stoppingToken);
            if (outcome == WriteOutcome.RetryLater)
            {
                await Task.Delay(TransientBackoff, time, stoppingToken);
            }
            // A dead-lettered write is done with: it is kept in the store, not retried.
            table.Complete(state, write, succeeded: outcome != WriteOutcome.RetryLater);
        }
    }

    private async Task<WriteOutcome> WriteAsync(string twinId, PendingWrite write, CancellationToken cancellationToken)
    {
        var links = write.Sources.Where(c => c != default && c != write.Parent).Select(c => new ActivityLink(c));
        using var activity = IngestionTelemetry.Source.StartActivity("update twin", ActivityKind.Internal, write.Parent, links: links);
        activity?.SetTag("digitaltwins.twin.id", twinId);
        activity?.SetTag("messaging.batch.message_count", write.UpdateCount);
        try
        {
            await client.UpdateDigitalTwinAsync(twinId, TwinPatchBuilder.Build(write), cancellationToken: cancellationToken);
            var now = time.GetUtcNow();
            limiter.OnSucceeded();
            telemetry.Written.Add(1);
            live.Written(twinId, write.Properties);
            foreach (var created in write.CreatedAt)
            {
                telemetry.EndToEndLatency.Record((now - created).TotalSeconds);
            }
            return WriteOutcome.Written;
        }
        catch (RequestFailedException error)
        {
            activity?.SetStatus(ActivityStatusCode.Error, error.ErrorCode);
            telemetry.Failed.Add(1, new KeyValuePair<string, object?>("error.type", error.ErrorCode ?? error.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            LogWriteFailed(logger, twinId, error.Status, error.ErrorCode, error.Message);
            // Anything but a transient failure would fail the same way again.
            if (TransientFailures.IsTransient(error.Status))
            {
                return WriteOutcome.RetryLater;
            }
            deadLetters.Add(twinId, write, error.Status, error.ErrorCode, error.Message);
            telemetry.DeadLettered.Add(write.UpdateCount);
            return WriteOutcome.DeadLettered;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The pipeline's own timeout: the write may or may not have landed; writing it again is harmless.
            activity?.SetStatus(ActivityStatusCode.Error, "timeout");
            return WriteOutcome.RetryLater;
        }
    }

    private enum WriteOutcome
    {
        Written,
        RetryLater,
        DeadLettered,
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Write to twin {TwinId} failed with {Status} {ErrorCode}: {Message}")]
    private static partial void LogWriteFailed(ILogger logger, string twinId, int status, string? errorCode, string message);
}
