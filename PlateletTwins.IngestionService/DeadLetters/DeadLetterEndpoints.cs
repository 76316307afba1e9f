using System.Diagnostics;
using System.Text.Json.Nodes;
using PlateletTwins.IngestionService.Intake;
using PlateletTwins.IngestionService.Twins;

namespace PlateletTwins.IngestionService.DeadLetters;

/// <summary><c>GET /api/deadletters</c> lists what ADT refused for good; <c>POST /api/deadletters/{id}/replay</c> offers one again.</summary>
public static class DeadLetterEndpoints
{
    public static void MapDeadLetterEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/deadletters").AddEndpointFilter<IntakeKeyFilter>();
        api.MapGet("/", (DeadLetterStore store) => TypedResults.Ok(store.List()));
        api.MapPost("/{id:long}/replay", Replay);
    }

    // Each property goes back with its own sequence and source time, so a value ADT has since had a newer one of is not written.
    private static IResult Replay(long id, DeadLetterStore store, TwinStateTable table, Events.PendingEvents events, TimeProvider time)
    {
        if (store.Take(id) is not { } letter)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such dead letter", detail: $"There is no dead letter {id}.");
        }
        if (letter.Event is { } discreteEvent)
        {
            // The same Message-Id: should the first attempt have reached ADT after all, it is not a second event.
            events.Enqueue(discreteEvent);
        }
        foreach (var (name, property) in letter.Properties)
        {
            table.Accept(new TwinUpdate(letter.TwinId, property.Sequence, property.SourceTime,
                new JsonObject { [name] = property.Value.DeepClone() }, null, time.GetUtcNow()), default(ActivityContext));
        }
        return TypedResults.Accepted((string?)null, new { replayed = letter.Id, letter.TwinId, properties = letter.Properties.Count });
    }
}
