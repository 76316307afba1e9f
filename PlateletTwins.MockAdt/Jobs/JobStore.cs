using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace PlateletTwins.MockAdt.Jobs;

/// <summary>
/// The instance's import and delete job records, and the queue the worker runs them from. ADT runs one bulk job at a
/// time (import and delete together), so a new job is refused while another has not reached a final state. Records go
/// when their purge time has passed. Records live in memory: a restarted MockAdt has no jobs (what they imported stays).
/// </summary>
internal sealed class JobStore(TimeProvider time, IOptions<JobsOptions> options)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ImportJob> _imports = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeleteJob> _deletes = new(StringComparer.Ordinal);
    private readonly Channel<BulkJob> _queue = Channel.CreateUnbounded<BulkJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TimeSpan _retention = options.Value.RecordRetention;

    /// <summary>The jobs to run, in the order they were created.</summary>
    public ChannelReader<BulkJob> Queue => _queue.Reader;

    /// <summary>Adds an import job and queues it; <c>Accepted</c> is the job as created, before the worker can move it on.</summary>
    public (ImportJob Job, JsonObject Accepted) AddImport(string id, Uri input, Uri output)
    {
        lock (_lock)
        {
            PurgeExpired();
            if (_imports.ContainsKey(id))
            {
                throw JobErrors.JobIdAlreadyExists(id);
            }
            RequireNoActiveJob();
            var job = new ImportJob(id, input, output, time.GetUtcNow(), _retention);
            _imports[id] = job;
            var accepted = job.ToJson();
            _queue.Writer.TryWrite(job);
            return (job, accepted);
        }
    }

    public ImportJob GetImport(string id)
    {
        lock (_lock)
        {
            PurgeExpired();
            return _imports.TryGetValue(id, out var job) ? job : throw JobErrors.JobNotFound(id);
        }
    }

    public IReadOnlyList<ImportJob> ListImports()
    {
        lock (_lock)
        {
            PurgeExpired();
            return [.. _imports.Values.OrderBy(j => j.Created).ThenBy(j => j.Id, StringComparer.Ordinal)];
        }
    }

    /// <summary>Removes the record of a job that no longer runs; what it imported stays.</summary>
    public void DeleteImport(string id)
    {
        lock (_lock)
        {
            var job = GetImport(id);
            if (!job.IsFinal)
            {
                throw JobErrors.JobStillRunning(job);
            }
            _imports.Remove(id);
        }
    }

    /// <summary>Asks a job that has not finished to stop: it is <c>cancelling</c> until the worker stops it.</summary>
    public ImportJob CancelImport(string id)
    {
        var job = GetImport(id);
        if (job.TryMove(JobStatus.Cancelling, time.GetUtcNow(), [JobStatus.NotStarted, JobStatus.Running]))
        {
            job.RequestCancel();
            return job;
        }
        // Cancelling again is harmless; a finished job cannot be.
        return job.Status == JobStatus.Cancelling ? job : throw JobErrors.JobAlreadyFinished(job);
    }

    /// <summary>Adds a delete job and queues it; <c>Accepted</c> is the job as created, before the worker can move it on.</summary>
    public (DeleteJob Job, JsonObject Accepted) AddDelete(string? operationId, TimeSpan timeout)
    {
        lock (_lock)
        {
            PurgeExpired();
            var id = operationId ?? Guid.NewGuid().ToString();
            if (_deletes.ContainsKey(id))
            {
                throw JobErrors.OperationIdAlreadyExists(id);
            }
            RequireNoActiveJob();
            var job = new DeleteJob(id, timeout, time.GetUtcNow(), _retention);
            _deletes[id] = job;
            var accepted = job.ToJson();
            _queue.Writer.TryWrite(job);
            return (job, accepted);
        }
    }

    public DeleteJob GetDelete(string id)
    {
        lock (_lock)
        {
            PurgeExpired();
            return _deletes.TryGetValue(id, out var job) ? job : throw JobErrors.DeleteJobNotFound(id);
        }
    }

    public IReadOnlyList<DeleteJob> ListDeletes()
    {
        lock (_lock)
        {
            PurgeExpired();
            return [.. _deletes.Values.OrderBy(j => j.Created).ThenBy(j => j.Id, StringComparer.Ordinal)];
        }
    }

    private void RequireNoActiveJob()
    {
        var active = _imports.Values.Cast<BulkJob>().Concat(_deletes.Values).FirstOrDefault(j => !j.IsFinal);
        if (active is not null)
        {
            throw JobErrors.JobLimitReached(active);
        }
    }

    private void PurgeExpired()
    {
        var now = time.GetUtcNow();
        foreach (var id in _imports.Where(j => j.Value.IsFinal && j.Value.Purge <= now).Select(j => j.Key).ToList())
        {
            _imports.Remove(id);
        }
        foreach (var id in _deletes.Where(j => j.Value.IsFinal && j.Value.Purge <= now).Select(j => j.Key).ToList())
        {
            _deletes.Remove(id);
        }
    }
}
