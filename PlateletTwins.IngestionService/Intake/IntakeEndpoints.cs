using System.Diagnostics;
using Microsoft.Extensions.Options;
using PlateletTwins.IngestionService.Adt;
using PlateletTwins.IngestionService.Diagnostics;
using PlateletTwins.IngestionService.Events;
using PlateletTwins.IngestionService.Live;
using PlateletTwins.IngestionService.Provisioning;
using PlateletTwins.IngestionService.Twins;

namespace PlateletTwins.IngestionService.Intake;

/// <summary>The intake API: runs and telemetry from the simulator (or, tomorrow, from the devices).</summary>
public static class IntakeEndpoints
{
    public static void MapIntakeEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter<IntakeKeyFilter>().AddEndpointFilter<BodySizeFilter>();
        api.MapPost("/runs", StartRun);
        api.MapPost("/telemetry", AcceptTelemetry);
    }

    // Provisions the models and the lab's twins before answering, so the run's first updates find their twins.
    private static async Task<IResult> StartRun(HttpRequest request, ModelCatalog catalog, DigitalTwinsClient adt, LabProvisioner provisioner, RunRegistry runs, LiveLab live, IOptions<IntakeOptions> options, CancellationToken cancellationToken)
    {
        // Read here, not bound: the endpoint filters (key, size) run before the body is touched.
        var body = await IntakeBody.ReadAsync<RunStart>(request, options.Value.MaxBodyBytes, cancellationToken);
        if (body.Value is not { } run)
        {
            return body.Problem!;
        }
        var problems = RunValidator.Validate(run, catalog);
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The run's lab layout is not valid");
        }
        if (await RunConflicts.FindAsync(run, catalog, adt, cancellationToken) is { Count: > 0 } conflicts)
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(conflicts) { Status = StatusCodes.Status409Conflict, Title = "The run's twins conflict with twins in ADT" });
        }
        try
        {
            await provisioner.ProvisionAsync(run, cancellationToken);
        }
        catch (Azure.RequestFailedException error) when (error.Status is >= 400 and < 500)
        {
            // A twin changed in ADT since the check above (another run started at the same time): a conflict, not a fault.
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "ADT refused the run's twin graph", detail: $"{error.ErrorCode}: {error.Message}");
        }
        runs.Register(run);
        live.RunStarted(run);
        return TypedResults.Ok(new { run.RunId, twins = run.Lab.Devices.Count + 2 });
    }

    // 202 when every update is accepted; 207 with a result per item when some are not.
    private static async Task<IResult> AcceptTelemetry(HttpRequest request, RunRegistry runs, UpdateValidator validator, TwinStateTable table, PendingEvents events, IngestionTelemetry telemetry, IOptions<IntakeOptions> options, CancellationToken cancellationToken)
    {
        var body = await IntakeBody.ReadAsync<TelemetryBatch>(request, options.Value.MaxBodyBytes, cancellationToken);
        if (body.Value is not { } batch)
        {
            return body.Problem!;
        }
        if (batch.Updates is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "A batch needs updates");
        }
        if (!runs.IsKnownRun(batch.RunId))
        {
            // 404, not 400: a producer that sees it knows this service restarted, starts its run again and resends its state.
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
                title: "Unknown run", detail: $"Run '{batch.RunId}' has not been started with POST /api/runs.");
        }
        if (table.Backlog >= options.Value.MaxBacklog)
        {
            // Full: the producer waits and offers the batch again; nothing of it was taken.
            telemetry.Refused.Add(batch.Updates.Count);
            return new BacklogFullResult(options.Value.RetryAfter);
        }
        var results = new List<ItemResult>(batch.Updates.Count);
        var accepted = 0;
        foreach (var update in batch.Updates)
        {
            var problem = validator.Validate(update);
            if (problem is not null)
            {
                telemetry.Rejected.Add(1, new KeyValuePair<string, object?>("reason", problem.Code));
                results.Add(new ItemResult(results.Count, "update", update?.TwinId, StatusCodes.Status400BadRequest, problem.Code, problem.Message));
                continue;
            }
            var context = ActivityContext.TryParse(update!.TraceParent, null, out var parsed) ? parsed : default;
            telemetry.Coalesced.Add(table.Accept(update, context));
            telemetry.Accepted.Add(1);
            accepted++;
            results.Add(new ItemResult(results.Count, "update", update.TwinId, StatusCodes.Status202Accepted, null, null));
        }
        foreach (var discreteEvent in batch.Events ?? [])
        {
            var problem = validator.Validate(discreteEvent);
            if (problem is not null)
            {
                telemetry.Rejected.Add(1, new KeyValuePair<string, object?>("reason", problem.Code));
                results.Add(new ItemResult(results.Count, "event", discreteEvent?.TwinId, StatusCodes.Status400BadRequest, problem.Code, problem.Message));
                continue;
            }
            events.Enqueue(discreteEvent!);
            accepted++;
            results.Add(new ItemResult(results.Count, "event", discreteEvent!.TwinId, StatusCodes.Status202Accepted, null, null));
        }
        return accepted == results.Count
            ? TypedResults.Accepted((string?)null, new { accepted })
            : TypedResults.Json(new { accepted, rejected = results.Count - accepted, results }, statusCode: StatusCodes.Status207MultiStatus);
    }

    private sealed record ItemResult(int Index, string Kind, string? TwinId, int Status, string? Code, string? Message);
}
