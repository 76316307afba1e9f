using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Values;

namespace PlateletTwins.MockAdt.Jobs;

/// <summary>
/// What import and delete jobs share: an id, a status that only moves forward, and ADT's timestamps. Records are purged
/// <see cref="JobsOptions.RecordRetention"/> after creation (observed: <c>purgeDateTime</c> is 30 days after
/// <c>createdDateTime</c>). Moves happen under the job's own lock, so a cancel and the worker never both win.
/// </summary>
internal abstract class BulkJob(string id, DateTimeOffset created, TimeSpan retention)
{
    private readonly Lock _lock = new();

    public string Id { get; } = id;

    public DateTimeOffset Created { get; } = created;

    public DateTimeOffset Purge { get; } = created + retention;

    public string Status { get; private set; } = JobStatus.NotStarted;

    public DateTimeOffset LastAction { get; private set; } = created;

    public DateTimeOffset? Finished { get; private set; }

    public JobError? Error { get; private set; }

    public bool IsFinal => JobStatus.IsFinal(Status);

    /// <summary>Moves to <paramref name="to"/> if the job is in one of <paramref name="from"/>; false otherwise.</summary>
    public bool TryMove(string to, DateTimeOffset now, ReadOnlySpan<string> from, JobError? error = null)
    {
        lock (_lock)
        {
            if (!from.Contains(Status))
            {
                return false;
            }
            Status = to;
            LastAction = now;
            if (JobStatus.IsFinal(to))
            {
                Finished = now;
                Error = error;
            }
            return true;
        }
    }

    /// <summary>Ends the job from whatever state it is in, unless it already ended: the worker's last word.</summary>
    public void Finish(string status, DateTimeOffset now, JobError? error = null) =>
        TryMove(status, now, [JobStatus.NotStarted, JobStatus.Running, JobStatus.Cancelling], error);

    /// <summary>The job as the REST API returns it.</summary>
    public abstract JsonObject ToJson();

    /// <summary>The fields both kinds of job have, in the order the service writes them.</summary>
    protected void WriteTimes(JsonObject json)
    {
        json["createdDateTime"] = AdtTime.Format(Created);
        json["lastActionDateTime"] = AdtTime.Format(LastAction);
        // Observed: an unfinished job carries "finishedDateTime": null rather than leaving it out.
        json["finishedDateTime"] = Finished is { } finished ? AdtTime.Format(finished) : null;
        json["purgeDateTime"] = AdtTime.Format(Purge);
    }

    protected void WriteStatus(JsonObject json)
    {
        json["status"] = Status;
        if (Error is { } error)
        {
            json["error"] = new JsonObject { ["code"] = error.Code, ["message"] = error.Message };
        }
    }
}
