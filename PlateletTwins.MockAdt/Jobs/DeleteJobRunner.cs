using PlateletTwins.MockAdt.Conditions;
using PlateletTwins.MockAdt.Errors;
using PlateletTwins.MockAdt.Relationships;
using PlateletTwins.MockAdt.Store;
using PlateletTwins.MockAdt.Twins;

namespace PlateletTwins.MockAdt.Jobs;

/// <summary>
/// Runs one delete job: "deletes all models, twins, and relationships on the instance" (REST spec 2023-10-31), in the
/// only order ADT's own rules allow: relationships, then twins (a twin with relationships cannot be deleted), then
/// models, those no other model references first. Through the same services as DELETE, so each deletion is an event and
/// a data history row. What is written meanwhile is deleted too, pass after pass; a job that reaches its timeout stops
/// and fails (the spec: it "will stop any delete operations … and go to a failed state"), with no rollback.
/// </summary>
internal sealed partial class DeleteJobRunner(
    RelationshipStore relationshipStore, RelationshipService relationships, TwinStore twinStore, TwinService twins, ModelStore models,
    TimeProvider time, ILogger<DeleteJobRunner> logger)
{
    private const int MaxPasses = 10;

    public async Task RunAsync(DeleteJob job, CancellationToken stopping)
    {
        if (!job.TryMove(JobStatus.Running, time.GetUtcNow(), [JobStatus.NotStarted]))
        {
            return;
        }
        var durability = new JobDurability();
        var outcome = Delete(job, stopping);
        if (outcome is not null && !await durability.CommittedAsync())
        {
            job.Finish(JobStatus.Failed, time.GetUtcNow(), ImportJobRunner.NotDurable());
            return;
        }
        if (outcome is { } deleted)
        {
            LogFinished(logger, job.Id, deleted.Relationships, deleted.Twins, deleted.Models);
            job.Finish(JobStatus.Succeeded, time.GetUtcNow());
        }
    }

    // The passes; the counts when the instance is empty, null when the job ended otherwise (its state says how).
    private (int Relationships, int Twins, int Models)? Delete(DeleteJob job, CancellationToken stopping)
    {
        var deleted = (Relationships: 0, Twins: 0, Models: 0);
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            foreach (var relationship in relationshipStore.All().ToList())
            {
                if (Stop(job, stopping))
                {
                    return null;
                }
                deleted.Relationships += Try(() => relationships.Delete(relationship.SourceId, relationship.Id, WriteConditions.None));
            }
            foreach (var id in twinStore.SortedIds(null).ToList())
            {
                if (Stop(job, stopping))
                {
                    return null;
                }
                deleted.Twins += Try(() => twins.Delete(id, WriteConditions.None));
            }
            deleted.Models += DeleteModels(job, stopping);
            if (job.IsFinal)
            {
                return null;
            }
            if (!relationshipStore.All().Any() && twinStore.SortedIds(null).Count == 0 && models.List().Count == 0)
            {
                return deleted;
            }
        }
        job.Finish(JobStatus.Failed, time.GetUtcNow(), new JobError("DeleteFailed",
            $"The instance was not empty after {MaxPasses} passes: entities were being created while the job ran. Stop all operations on the instance until the delete job is complete."));
        return null;
    }

    // Models that no remaining model references, round after round, until none is left or none can go.
    private int DeleteModels(DeleteJob job, CancellationToken stopping)
    {
        var count = 0;
        while (true)
        {
            var remaining = models.List();
            var referenced = remaining.SelectMany(m => m.Interface.References.Where(r => r != m.Id)).ToHashSet(StringComparer.Ordinal);
            var leaves = remaining.Where(m => !referenced.Contains(m.Id)).ToList();
            if (leaves.Count == 0)
            {
                return count;
            }
            foreach (var model in leaves)
            {
                if (Stop(job, stopping))
                {
                    return count;
                }
                count += Try(() => models.Delete(model.Id));
            }
        }
    }

    private bool Stop(DeleteJob job, CancellationToken stopping)
    {
        if (stopping.IsCancellationRequested)
        {
            job.Finish(JobStatus.Failed, time.GetUtcNow(), new JobError("JobInterrupted", "The service stopped while the delete job ran; what was deleted stays deleted."));
            return true;
        }
        if (time.GetUtcNow() >= job.Deadline)
        {
            job.Finish(JobStatus.Failed, time.GetUtcNow(), new JobError("JobTimedOut",
                $"The delete job reached its timeout of {job.Timeout.TotalMinutes:0} minutes and stopped; what was deleted stays deleted."));
            return true;
        }
        return false;
    }

    // One deletion; an entity someone else deleted or changed meanwhile is taken in the next pass.
    private static int Try(Action delete)
    {
        try
        {
            delete();
            return 1;
        }
        catch (AdtException)
        {
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delete job {JobId} succeeded: {Relationships} relationships, {Twins} twins, {Models} models")]
    private static partial void LogFinished(ILogger logger, string jobId, int relationships, int twins, int models);
}
