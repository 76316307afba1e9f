using System.Diagnostics;
using Microsoft.Extensions.Options;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.IngestionService.Diagnostics;
using PlateletTwins.IngestionService.Durability;
using PlateletTwins.IngestionService.Events;
using PlateletTwins.IngestionService.Runs;
using PlateletTwins.IngestionService.Twins;

namespace PlateletTwins.IngestionService.Intake;

/// <summary>
/// Takes a parsed batch of a known run: checks each item, makes what it accepts durable in the journal, and only then
/// hands it to the twins' pending state and the event queue. So a 202 means the items survive a crash; a batch
/// that cannot be made durable is refused whole (503), and nothing of it was taken. Lifecycle changes are checked
/// first, so that a twin the batch creates is known to the batch's updates and relationships; their results follow
/// the updates' and the events'.
/// </summary>
internal sealed class TelemetryAcceptor(
    UpdateValidator validator,
    ChangeValidator changeValidator,
    IntakeJournal journal,
    TwinStateTable table,
    RunRegistry runs,
    PendingEvents events,
    IngestionTelemetry telemetry,
    IOptions<IntakeOptions> options)
{
    // A twin id is one lab's own: a twin that another lab's streaming run created is not taken over (its queued
    // lifecycle would be superseded, the other lab's pool lost).
    private UpdateValidator.Problem? OfAnotherLab(TwinChange change, RunRecord run) =>
        change.Kind == TwinChangeKind.CreateTwin && table.Find(change.TwinId)?.Progress().RunId is { } holder && holder != run.RunId
        && runs.Find(holder) is { State: RunState.Streaming } other && other.Start.Lab.Id != run.Start.Lab.Id
            ? new("TwinOfAnotherLab", $"'{change.TwinId}' is a twin of lab '{other.Start.Lab.Id}', whose run '{other.RunId}' is streaming; a lab's twin ids are its own.")
            : null;

    public async Task<IResult> AcceptAsync(TelemetryBatch batch, RunRecord run)
    {
        if (table.Backlog >= options.Value.MaxBacklog || (run.Lossless && BehindInLossless(batch)))
        {
            // Full (or, lossless, a twin is as far behind ADT's budget as it may be): the producer waits and offers the
            // batch again; nothing of it was taken.
            telemetry.Refused.Add(batch.Updates.Count);
            return new BacklogFullResult(options.Value.RetryAfter);
        }
        var results = new List<ItemResult>(batch.Updates.Count + (batch.Events?.Count ?? 0) + (batch.Changes?.Count ?? 0));
        var updates = new List<TwinUpdate>(batch.Updates.Count);
        var accepted = new List<DiscreteEvent>();
        var changes = new List<TwinChange>(batch.Changes?.Count ?? 0);
        var changeResults = new List<(TwinChange? Change, UpdateValidator.Problem? Problem)>(changes.Capacity);
        // The twins this batch creates, by model: known to its later items as the run's own.
        var created = new Dictionary<string, string>(StringComparer.Ordinal);
        string? ManagedModel(string twinId) =>
            created.TryGetValue(twinId, out var model) ? model
            : table.Find(twinId) is { ModelId: { } known } state && state.Progress().RunId == run.RunId ? known
            : null;
        foreach (var change in batch.Changes ?? [])
        {
            var problem = changeValidator.Validate(change, run, ManagedModel) ?? OfAnotherLab(change!, run);
            changeResults.Add((change, problem));
            if (problem is null)
            {
                changes.Add(change!);
                if (change!.Kind == TwinChangeKind.CreateTwin)
                {
                    created[change.TwinId] = change.ModelId!;
                }
            }
        }
        foreach (var update in batch.Updates)
        {
            var problem = validator.Validate(update, ManagedModel) ?? (ManagedModel(update.TwinId) is null ? NotOfRun(run, update.TwinId) : null);
            if (problem is not null)
            {
                results.Add(Rejected("update", update?.TwinId, problem));
                continue;
            }
            updates.Add(update);
            results.Add(new ItemResult(results.Count, "update", update.TwinId, StatusCodes.Status202Accepted, null, null));
        }
        foreach (var discreteEvent in batch.Events ?? [])
        {
            var problem = validator.Validate(discreteEvent) ?? NotOfRun(run, discreteEvent.TwinId);
            if (problem is not null)
            {
                results.Add(Rejected("event", discreteEvent?.TwinId, problem));
                continue;
            }
            // A resent event the run already has is taken again, and not sent twice.
            if (run.Progress.TryAddEvent(discreteEvent.EventId))
            {
                accepted.Add(discreteEvent);
            }
            results.Add(new ItemResult(results.Count, "event", discreteEvent.TwinId, StatusCodes.Status202Accepted, null, null));
        }
        foreach (var (change, problem) in changeResults)
        {
            results.Add(problem is null
                ? new ItemResult(results.Count, "change", change!.TwinId, StatusCodes.Status202Accepted, null, null)
                : Rejected("change", change?.TwinId, problem));
        }
        if (updates.Count + accepted.Count + changes.Count > 0 && !await KeepAsync(run, updates, accepted, changes))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The batch could not be made durable",
                detail: "Nothing of it was taken; offer it again.");
        }
        var rejected = results.Count(r => r.Status != StatusCodes.Status202Accepted);
        run.Progress.OnAccepted(updates.Count);
        run.Progress.OnChangesAccepted(changes.Count);
        run.Progress.OnRejected(rejected);
        telemetry.Accepted.Add(updates.Count);
        return rejected == 0
            ? TypedResults.Accepted((string?)null, new { accepted = results.Count })
            : TypedResults.Json(new { accepted = results.Count - rejected, rejected, results }, statusCode: StatusCodes.Status207MultiStatus);

        ItemResult Rejected(string kind, string? twinId, UpdateValidator.Problem problem)
        {
            telemetry.Rejected.Add(1, new KeyValuePair<string, object?>("reason", problem.Code));
            return new ItemResult(results.Count, kind, twinId, StatusCodes.Status400BadRequest, problem.Code, problem.Message);
        }
    }

    private async Task<bool> KeepAsync(RunRecord run, List<TwinUpdate> updates, List<DiscreteEvent> accepted, List<TwinChange> changes)
    {
        JournalBatch batch;
        try
        {
            batch = await journal.AppendAsync(new JournalEntry(run.RunId, updates, accepted, changes.Count > 0 ? changes : null));
        }
        catch (Exception)
        {
            foreach (var discreteEvent in accepted)
            {
                run.Progress.ReleaseEvent(discreteEvent.EventId);
            }
            return false;
        }
        foreach (var change in changes)
        {
            table.Accept(change, ActivityContext.TryParse(change.TraceParent, null, out var parsed) ? parsed : default, batch, run);
        }
        foreach (var update in updates)
        {
            var context = ActivityContext.TryParse(update.TraceParent, null, out var parsed) ? parsed : default;
            table.Accept(update, context, batch, run);
        }
        foreach (var discreteEvent in accepted)
        {
            events.Enqueue(new PendingEvent(discreteEvent, batch, run));
        }
        return true;
    }

    private bool BehindInLossless(TelemetryBatch batch) =>
        batch.Updates.Select(u => u?.TwinId).Concat((batch.Changes ?? []).Select(c => c?.TwinId))
            .Any(id => id is not null && table.Find(id) is { } state && state.QueuedWrites >= options.Value.MaxQueuedPerTwin);

    private static UpdateValidator.Problem? NotOfRun(RunRecord run, string twinId) =>
        run.Owns(twinId) ? null : new UpdateValidator.Problem("NotInRun", $"Twin '{twinId}' is not a twin of run '{run.RunId}' or of its lab.");

    private sealed record ItemResult(int Index, string Kind, string? TwinId, int Status, string? Code, string? Message);
}
