using PlateletTwins.IngestionService.Twins;

namespace PlateletTwins.IngestionService.Runs;

/// <summary>
/// <c>GET /api/runs/{runId}</c>: what of a run has reached ADT. Per twin, the highest sequence accepted and the highest
/// ADT acknowledged, and how many updates are not yet done with; the run's update and event counts. A producer ends
/// its run once every twin is acknowledged up to its last sequence and every event it sent is acknowledged, and
/// resends what the service does not have. The twins include those the run's changes created (its pools), each until a
/// newer run takes its id; the change counts say what became of the run's lifecycle changes.
/// </summary>
internal static class RunStatus
{
    public static IResult Get(string runId, RunRegistry runs, TwinStateTable table)
    {
        if (runs.Find(runId) is not { } run)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown run", detail: $"Run '{runId}' has not been started with POST /api/runs.");
        }
        var twinIds = run.Start.Lab.Devices.Select(d => d.Id).Append(run.RunId)
            .Concat(table.All.Where(t => t.ModelId is not null).Select(t => t.TwinId));
        var states = twinIds
            .Distinct(StringComparer.Ordinal)
            .Select(id => (Id: id, Progress: table.Find(id)?.Progress()))
            .Where(t => t.Progress?.RunId == run.RunId)
            .ToList();
        var twins = states.ToDictionary(t => t.Id, t => new TwinStatus(t.Progress!.Accepted, t.Progress.Acknowledged, t.Progress.Pending), StringComparer.Ordinal);
        // From the twins, not the counts: a replay after a restart counts what it finds done again.
        var pendingChanges = states.Sum(t => (long)t.Progress!.PendingChanges);
        var pendingUpdates = states.Sum(t => (long)(t.Progress!.Pending - t.Progress.PendingChanges));
        var counts = run.Progress;
        var pendingEvents = counts.EventsAccepted - counts.EventsAcknowledged - counts.EventsDeadLettered;
        return TypedResults.Ok(new RunStatusBody(
            run.RunId,
            run.State.ToString(),
            run.SupersededBy,
            run.Lossless,
            new UpdateCounts(counts.Accepted, counts.Rejected, counts.Acknowledged, counts.Coalesced, counts.Superseded, counts.DeadLettered, pendingUpdates),
            new EventCounts(counts.EventsAccepted, counts.EventsAcknowledged, counts.EventsDeadLettered, pendingEvents),
            new ChangeCounts(counts.ChangesAccepted, counts.ChangesAcknowledged, counts.ChangesSuperseded, counts.ChangesDeadLettered, pendingChanges),
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
