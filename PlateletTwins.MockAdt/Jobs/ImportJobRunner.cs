using System.Text;
using System.Text.Json.Nodes;
using PlateletTwins.MockAdt.Relationships;
using PlateletTwins.MockAdt.Store;
using PlateletTwins.MockAdt.Twins;

namespace PlateletTwins.MockAdt.Jobs;

/// <summary>
/// Runs one import job: creates its output log, reads its input blob line by line through an <see cref="ImportPass"/>,
/// and ends it <c>succeeded</c>, <c>failed</c> (a line or a section failed, or a blob could not be used: the job's
/// <c>error</c>) or <c>cancelled</c> (between two lines). Whatever was imported before it ended stays.
/// </summary>
internal sealed partial class ImportJobRunner(
    JobBlobs blobs, ModelStore models, TwinService twins, RelationshipService relationships, TimeProvider time, ILogger<ImportJobRunner> logger)
{
    public async Task RunAsync(ImportJob job, CancellationToken stopping)
    {
        if (!job.TryMove(JobStatus.Running, time.GetUtcNow(), [JobStatus.NotStarted]))
        {
            // Cancelled before it started.
            job.Finish(JobStatus.Cancelled, time.GetUtcNow());
            return;
        }
        var log = new ImportLog(blobs.AppendBlob(job.OutputBlobUri), job.Id, time);
        try
        {
            await log.CreateAsync(stopping);
        }
        catch (Exception error) when (!stopping.IsCancellationRequested)
        {
            LogBlobFailed(logger, error, job.Id, job.OutputBlobUri);
            job.Finish(JobStatus.Failed, time.GetUtcNow(), UnableToWriteOutput());
            return;
        }
        var durability = new JobDurability();
        var pass = new ImportPass(log, models, twins, relationships);
        string outcome;
        JobError? failure = null;
        try
        {
            await log.InfoAsync(new JsonObject { ["status"] = "Started" }, stopping);
            (outcome, failure) = await ReadAsync(job, pass, log, stopping);
            if (outcome == JobStatus.Succeeded && pass.FailedSections.Count > 0)
            {
                outcome = JobStatus.Failed;
                failure = new JobError("ImportFailed",
                    $"Encountered errors while importing {string.Join(", ", pass.FailedSections.Select(s => s.ToString().ToLowerInvariant()))}. See the output blob {job.OutputBlobUri.OriginalString} for each error.");
            }
            if (outcome == JobStatus.Failed)
            {
                await log.ErrorAsync(new JsonObject { ["status"] = "Failed" }, stopping);
            }
            else
            {
                await log.InfoAsync(new JsonObject { ["status"] = outcome == JobStatus.Cancelled ? "Cancelled" : "Succeeded" }, stopping);
            }
            await log.FlushAsync(stopping);
        }
        catch (InputUnreadableException error)
        {
            LogBlobFailed(logger, error.InnerException!, job.Id, job.InputBlobUri);
            outcome = JobStatus.Failed;
            failure = new JobError("UnableToReadInputBlob",
                "Service was unable to read the input blob. Please see that input blob exists and Azure Digital Twin instance's managed identity has Storage Blob Data Reader access to that container.");
            await TryLogAsync(log, failure, stopping);
        }
        catch (Exception error) when (!stopping.IsCancellationRequested)
        {
            // The log blob stopped taking appends (deleted, access revoked).
            LogBlobFailed(logger, error, job.Id, job.OutputBlobUri);
            outcome = JobStatus.Failed;
            failure = UnableToWriteOutput();
        }
        if (!await durability.CommittedAsync() && outcome == JobStatus.Succeeded)
        {
            outcome = JobStatus.Failed;
            failure = NotDurable();
        }
        LogFinished(logger, job.Id, outcome, pass.ModelsImported, pass.TwinsImported, pass.RelationshipsImported);
        job.Finish(outcome, time.GetUtcNow(), failure);
    }

    // The pass over the input; its outcome before the per-section errors are counted.
    private async Task<(string Outcome, JobError? Failure)> ReadAsync(ImportJob job, ImportPass pass, ImportLog log, CancellationToken stopping)
    {
        Stream input;
        try
        {
            input = await blobs.Blob(job.InputBlobUri).OpenReadAsync(cancellationToken: stopping);
        }
        catch (Exception error) when (!stopping.IsCancellationRequested)
        {
            throw new InputUnreadableException(error);
        }
        await using (input)
        {
            using var reader = new StreamReader(input, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), detectEncodingFromByteOrderMarks: true);
            long line = 0;
            while (true)
            {
                string? text;
                try
                {
                    text = await reader.ReadLineAsync(stopping);
                }
                catch (Exception error) when (!stopping.IsCancellationRequested)
                {
                    throw new InputUnreadableException(error);
                }
                if (text is null)
                {
                    break;
                }
                line++;
                if (job.CancelRequested)
                {
                    await pass.EndSectionAsync(stopping);
                    return (JobStatus.Cancelled, null);
                }
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }
                await pass.LineAsync(text, line, stopping);
                if (pass.Fatal is not null)
                {
                    await pass.EndSectionAsync(stopping);
                    await TryLogAsync(log, pass.Fatal, stopping);
                    return (JobStatus.Failed, pass.Fatal);
                }
            }
            await pass.EndSectionAsync(stopping);
            if (line == 0)
            {
                var empty = new JobError("UnsupportedFileFormat", "The input blob is empty: it must start with {\"Section\": \"Header\"}.");
                await TryLogAsync(log, empty, stopping);
                return (JobStatus.Failed, empty);
            }
            return (job.CancelRequested ? JobStatus.Cancelled : JobStatus.Succeeded, null);
        }
    }

    internal static JobError NotDurable() => new("InternalServerError",
        "The job's changes are in effect but could not be committed to MockAdt's data directory; they may not survive a restart. The error is logged.");

    private static JobError UnableToWriteOutput() => new("UnableToWriteToOutputBlob",
        // The service's message (Import_Lifecycle recording), with the section left general.
        "Encountered errors while importing. Service was unable to write error feed to output blob. Please see that output blob exists and Azure Digital Twin instance's managed identity has Storage Blob Data Contributor access to that container.");

    private static async Task TryLogAsync(ImportLog log, JobError failure, CancellationToken stopping)
    {
        try
        {
            await log.ErrorAsync(new JsonObject { ["exceptionType"] = failure.Code, ["message"] = failure.Message }, stopping);
            await log.FlushAsync(stopping);
        }
        catch (Exception) when (!stopping.IsCancellationRequested)
        {
            // The job's error says it; the log is a courtesy.
        }
    }

    private sealed class InputUnreadableException(Exception inner) : Exception(inner.Message, inner);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import job {JobId}: the blob {Uri} could not be used")]
    private static partial void LogBlobFailed(ILogger logger, Exception error, string jobId, Uri uri);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import job {JobId} {Outcome}: {Models} models, {Twins} twins, {Relationships} relationships")]
    private static partial void LogFinished(ILogger logger, string jobId, string outcome, int models, int twins, int relationships);
}
