namespace PlateletTwins.MockAdt.Jobs;

/// <summary>
/// Runs the queued bulk jobs one after the other, off the request path. Nothing a job meets ends the loop: an unexpected
/// exception is logged and becomes the job's <c>error</c> (never a 500 to anyone); only the host's shutdown stops it.
/// </summary>
internal sealed partial class JobWorker(JobStore store, ImportJobRunner imports, DeleteJobRunner deletes, TimeProvider time, ILogger<JobWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The loop yields at once, so that the host's start is not held up by the first job.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            BulkJob job;
            try
            {
                job = await store.Queue.ReadAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                await (job switch
                {
                    ImportJob import => imports.RunAsync(import, stoppingToken),
                    DeleteJob delete => deletes.RunAsync(delete, stoppingToken),
                    _ => Task.CompletedTask,
                });
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                job.Finish(JobStatus.Failed, time.GetUtcNow(), new JobError("JobInterrupted", "The service stopped while the job ran; what it did stays done."));
                return;
            }
            catch (Exception error)
            {
                LogJobCrashed(logger, error, job.Id);
                job.Finish(JobStatus.Failed, time.GetUtcNow(), new JobError("InternalServerError", "The job failed unexpectedly. The error is logged; please report it."));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Bulk job {JobId} failed unexpectedly")]
    private static partial void LogJobCrashed(ILogger logger, Exception error, string jobId);
}
