using PlateletTwins.Dtdl.Lab;
using PlateletTwins.IngestionService.Adt;
using PlateletTwins.IngestionService.Live;
using PlateletTwins.IngestionService.Provisioning;
using PlateletTwins.IngestionService.Runs;
using PlateletTwins.IngestionService.Twins;

namespace PlateletTwins.IngestionService.Intake;

/// <summary>The intake API: runs and telemetry from the simulator (or, tomorrow, from the devices).</summary>
internal static class IntakeEndpoints
{
    public static void MapIntakeEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter<IntakeKeyFilter>().AddEndpointFilter<BodySizeFilter>();
        api.MapPost("/runs", StartRun);
        api.MapGet("/runs/{runId}", RunStatus.Get);
        api.MapPost("/telemetry", AcceptTelemetry);
    }

    // Provisions the models and the lab's twins before answering, so the run's first updates find their twins.
    private static async Task<IResult> StartRun(HttpRequest request, ModelCatalog catalog, DigitalTwinsClient adt, LabProvisioner provisioner, RunRegistry runs,
        RunAbandonment abandonment, PoolCleanup cleanup, TwinStateTable twins, LiveLab live, CancellationToken cancellationToken)
    {
        // Read here, not bound: the endpoint filters (key, size) run before the body is touched.
        var body = await IntakeBody.ReadAsync<RunStart>(request, cancellationToken);
        if (body.Value is not { } run)
        {
            return body.Problem!;
        }
        var problems = RunValidator.Validate(run, catalog);
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The run's lab layout is not valid");
        }
        if (runs.Find(run.RunId) is { State: not RunState.Streaming } ended)
        {
            return Superseded(ended);
        }
        // Another lab's run still streams until its twin says it completed (or a newer run of that lab supersedes it).
        RunRecord? StreamingElsewhere(string deviceId) => runs.All.FirstOrDefault(r => r.State == RunState.Streaming && r.Start.Lab.Id != run.Lab.Id
            && r.Owns(deviceId) && twins.Find(r.RunId)?.AcknowledgedValue(SimulationModel.Status) != SimulationModel.StatusValues.Completed);
        if (await RunConflicts.FindAsync(run, catalog, adt, StreamingElsewhere, cancellationToken) is { Count: > 0 } conflicts)
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(conflicts) { Status = StatusCodes.Status409Conflict, Title = "The run's twins conflict with twins in ADT" });
        }
        try
        {
            await provisioner.ProvisionAsync(run, cancellationToken);
        }
        catch (Exception error) when (TransientFailures.IsTransient(error) && !cancellationToken.IsCancellationRequested)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "ADT is not reachable now",
                detail: $"The run's twin graph could not be provisioned yet ({error.Message}); start the run again.");
        }
        catch (Azure.RequestFailedException error) when (error.Status is >= 400 and < 500)
        {
            // A twin changed in ADT since the check above (another run started at the same time): a conflict, not a fault.
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "ADT refused the run's twin graph", detail: $"{error.ErrorCode}: {error.Message}");
        }
        var (record, previous) = await runs.RegisterAsync(run, r => twins.Find(r.RunId)?.AcknowledgedValue(SimulationModel.Status) == SimulationModel.StatusValues.Completed, cancellationToken);
        if (previous is not null)
        {
            await abandonment.MarkAsync(previous);
        }
        try
        {
            // Every time, a repeated start included: a start cut short by a crash cleans up when it is made again.
            await cleanup.RemoveEarlierPoolsAsync(record, cancellationToken);
        }
        catch (Exception error) when (TransientFailures.IsTransient(error) && !cancellationToken.IsCancellationRequested)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "ADT is not reachable now",
                detail: $"The pools earlier runs left could not be deleted yet ({error.Message}); start the run again.");
        }
        live.RunStarted(record.Start);
        return TypedResults.Ok(new { run.RunId, twins = run.Lab.Devices.Count + 2, record.Epoch });
    }

    // 202 when every update is accepted (and durable); 207 with a result per item when some are not.
    private static async Task<IResult> AcceptTelemetry(HttpRequest request, RunRegistry runs, TelemetryAcceptor acceptor, CancellationToken cancellationToken)
    {
        var body = await IntakeBody.ReadAsync<TelemetryBatch>(request, cancellationToken);
        if (body.Value is not { } batch)
        {
            return body.Problem!;
        }
        if (batch.Updates is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "A batch needs updates");
        }
        if (runs.Find(batch.RunId) is not { } run)
        {
            // 404, not 400: a producer that sees it knows this service lost the run, starts it again and resends its state.
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
                title: "Unknown run", detail: $"Run '{batch.RunId}' has not been started with POST /api/runs.");
        }
        if (run.State != RunState.Streaming)
        {
            return Superseded(run);
        }
        return await acceptor.AcceptAsync(batch, run);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Superseded(RunRecord run) => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
        title: "The run was superseded",
        detail: $"Run '{run.RunId}' ended ({run.State}) when run '{run.SupersededBy}' of the same lab started; its updates are no longer taken.");
}
