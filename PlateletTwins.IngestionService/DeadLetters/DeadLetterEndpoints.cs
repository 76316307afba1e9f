using System.Text.Json.Nodes;
using PlateletTwins.IngestionService.Durability;
using PlateletTwins.IngestionService.Events;
using PlateletTwins.IngestionService.Intake;
using PlateletTwins.IngestionService.Runs;
using PlateletTwins.IngestionService.Twins;

namespace PlateletTwins.IngestionService.DeadLetters;

/// <summary><c>GET /api/deadletters</c> lists what ADT refused for good; <c>POST /api/deadletters/{id}/replay</c> offers one again.</summary>
internal static class DeadLetterEndpoints
{
    public static void MapDeadLetterEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/deadletters").AddEndpointFilter<IntakeKeyFilter>();
        api.MapGet("/", (DeadLetterStore store) => TypedResults.Ok(store.List()));
        api.MapPost("/{id:long}/replay", Replay);
    }

    // Each property goes back with its own sequence and source time, so a value ADT has since had a newer one of is not
    // written; the letter leaves the store in the same commit that journals the replay.
    private static async Task<IResult> Replay(long id, DeadLetterStore store, RunRegistry runs, IntakeJournal journal, TwinStateTable table, PendingEvents events, TimeProvider time)
    {
        if (store.Take(id) is not { } letter)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such dead letter", detail: $"There is no dead letter {id}.");
        }
        var run = runs.Find(letter.RunId) ?? runs.CurrentRunOf(letter.TwinId);
        if (run is null)
        {
            store.Return(letter);
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The dead letter's run is unknown",
                detail: $"Dead letter {id} belongs to run '{letter.RunId}', which this service does not know.");
        }
        var now = time.GetUtcNow();
        var updates = letter.Properties
            .Select(p => new TwinUpdate(letter.TwinId, p.Value.Sequence, p.Value.SourceTime, new JsonObject { [p.Key] = p.Value.Value.DeepClone() }, null, now))
            .ToList();
        // The same Message-Id: should the first attempt have reached ADT after all, it is not a second event.
        IReadOnlyList<DiscreteEvent> replayedEvents = letter.Event is { } discreteEvent ? [discreteEvent] : [];
        IReadOnlyList<TwinChange> replayedChanges = letter.Change is { } change ? [change] : [];
        JournalBatch batch;
        try
        {
            batch = await journal.AppendAsync(new JournalEntry(run.RunId, updates, replayedEvents, replayedChanges), (connection, transaction) =>
            {
                using var delete = connection.CreateCommand();
                delete.Transaction = transaction;
                delete.CommandText = "DELETE FROM dead_letters WHERE id = $id";
                delete.Parameters.AddWithValue("$id", letter.Id);
                delete.ExecuteNonQuery();
                if (letter.Event is { } replayedEvent)
                {
                    // Pending again: a restart before it is sent replays it rather than taking it for done.
                    using var forget = connection.CreateCommand();
                    forget.Transaction = transaction;
                    forget.CommandText = "DELETE FROM acknowledged_events WHERE run_id = $run AND event_id = $event";
                    forget.Parameters.AddWithValue("$run", run.RunId);
                    forget.Parameters.AddWithValue("$event", replayedEvent.EventId);
                    forget.ExecuteNonQuery();
                }
            });
        }
        catch (Exception)
        {
            store.Return(letter);
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The replay could not be made durable", detail: "The dead letter is kept; try again.");
        }
        foreach (var update in updates)
        {
            table.Accept(update, default, batch, run);
        }
        foreach (var replayed in replayedChanges)
        {
            // The twin's record of it was closed with the dead letter; offered again, it is a change of the run again.
            run.Progress.OnChangesAccepted(1);
            table.Accept(replayed, default, batch, run);
        }
        foreach (var replayed in replayedEvents)
        {
            run.Progress.OnEventReplayed();
            events.Enqueue(new PendingEvent(replayed, batch, run));
        }
        return TypedResults.Accepted((string?)null, new { replayed = letter.Id, letter.TwinId, properties = letter.Properties.Count });
    }
}
