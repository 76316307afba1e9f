using PlateletTwins.IngestionService.Twins;

namespace PlateletTwins.IngestionService.Runs;

/// <summary>
/// <c>GET /api/runs/{runId}</c>: what of a run has reached ADT. Per twin, the highest sequence accepted and the highest
/// ADT acknowledged, and how many updates are not yet done with; the run's update and event counts. A producer ends
/// its run once every twin is acknowledged up to its last sequence and every event it sent is acknowledged, and
/// resends what the service does not have. The twins include those the run's changes created (its pools), each until a
/// newer run takes its id; the change counts say what became of the run's lifecycle changes.
/// </summary>
public static class RunStatus
{
    public static IResult Get(string runId, RunRegistry runs, TwinStateTable table)
    {
        if (runs.Find(runId) is not { } run)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown run", detail: $"Run '{runId}' has not been started with POST /api/runs.");
        }
        var twinIds = run.Start.Lab.Devices.Select(d => d.Id).Append(run.RunId)
            .Concat(table.All.Where(t => t.ModelId is not null).Select(t => t.TwinId));
        var twins = twinIds
            .Distinct(StringComparer.Ordinal)
            .Select(id => (Id: id, Progress: table.Find(id)?.Progress()))
            .Where(t => t.Progress?.RunId == run.RunId)
            .ToDictionary(t => t.Id, t => new TwinStatus(t.Progress!.Accepted, t.Progress.Acknowledged, t.Progress.Pending), StringComparer.Ordinal);
        var progress = run.Progress;
        var pendingChanges = progress.ChangesAccepted - progress.ChangesAcknowledged - progress.ChangesSuperseded - progress.ChangesDeadLettered;
        // A twin's pending items are its updates and its changes.
        var pendingUpdates = Math.Max(0, twins.Values.Sum(t => (long)t.Pending) - pendingChanges);
        var pendingEvents = progress.EventsAccepted - progress.EventsAcknowledged - progress.EventsDeadLettered;
        return TypedResults.Ok(new RunStatusBody(
            run.RunId,
            run.State.ToString(),
            run.SupersededBy,
            run.Lossless,
            new UpdateCounts(progress.Accepted, progress.Rejected, progress.Acknowledged, progress.Coalesced, progress.Superseded, progress.DeadLettered, pendingUpdates),
            new EventCounts(progress.EventsAccepted, progress.EventsAcknowledged, progress.EventsDeadLettered, pendingEvents),
            new ChangeCounts(progress.ChangesAccepted, progress.ChangesAcknowledged, progress.ChangesSuperseded, progress.ChangesDeadLettered, pendingChanges),
            twins));
    }

    public sealed record RunStatusBody(string RunId, string State, string? SupersededBy, bool Lossless, UpdateCounts Updates, EventCounts Events,
        ChangeCounts Changes, IReadOnlyDictionary<string, TwinStatus> Twins);

    public sealed record UpdateCounts(long Accepted, long Rejected, long Acknowledged, long Coalesced, long Superseded, long DeadLettered, long Pending);

    public sealed record EventCounts(long Accepted, long Acknowledged, long DeadLettered, long Pending);

    /// <summary>The run's lifecycle changes: accepted, acknowledged by ADT, superseded (a resend, or a newer run took the twin), dead-lettered, pending.</summary>
    public sealed record ChangeCounts(long Accepted, long Acknowledged, long Superseded, long DeadLettered, long Pending);

    /// <summary>Sequences of the twin's run: the highest accepted, the highest ADT acknowledged; updates and changes not yet done with.</summary>
    public sealed record TwinStatus(long Accepted, long Acknowledged, int Pending);
}
