using Azure;
using PlateletTwins.IngestionService.Diagnostics;
using PlateletTwins.IngestionService.Runs;
using PlateletTwins.IngestionService.Twins;

namespace PlateletTwins.IngestionService.Provisioning;

/// <summary>
/// A twin of a run is gone from ADT (deleted by someone, a restored instance, an emulator restarted empty): the run's
/// graph is provisioned again (idempotently: only what is missing is created), and every twin that had to be created
/// gets its whole acknowledged state written again; the twins the run's changes had created (its pools) are created
/// again as ADT had them, with their relationships: all of them when the run's or the lab's twin was gone, else the
/// one found missing. Nothing waits for an operator.
/// </summary>
internal sealed partial class GraphRecovery(
    LabProvisioner provisioner,
    RunRegistry runs,
    TwinStateTable twins,
    AdtHealth health,
    IngestionTelemetry telemetry,
    ILogger<GraphRecovery> logger) : IDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>Provisions the graph of the twin's run again, if the twin is one of a known run's.</summary>
    public async Task<RecoveryOutcome> RecoverAsync(string twinId, CancellationToken cancellationToken)
    {
        if ((runs.CurrentRunOf(twinId) ?? RunThatCreated(twinId)) is not { } run)
        {
            return RecoveryOutcome.NotOurs;
        }
        // One at a time: when a whole graph vanished, every writer hits a 404 at once, and one pass serves them all.
        await _one.WaitAsync(cancellationToken);
        try
        {
            var created = await provisioner.ProvisionAsync(run.Start, cancellationToken);
            foreach (var id in created)
            {
                twins.RestoreFullState(id);
            }
            // Queued ahead of the twins' own writes, each within its budgets, as the twins' writes are. All of them when
            // the run's or the lab's own twin was gone (the instance lost its graph), else the one found missing.
            var lostAll = created.Contains(run.RunId) || created.Contains(run.Start.Lab.Id);
            var restored = twins.RestoreLifecycles(run, lostAll ? null : twinId);
            if (created.Count + restored > 0)
            {
                health.Reprovisioned();
                telemetry.Reprovisioned.Add(created.Count + restored);
                LogReprovisioned(logger, twinId, run.RunId, created.Count, string.Join(", ", created), restored);
            }
            return RecoveryOutcome.Recovered;
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // ADT unreachable or throttling while provisioning: the caller tries the write again later.
            LogRecoveryFailed(logger, twinId, (error as RequestFailedException)?.Status ?? 0, (error as RequestFailedException)?.ErrorCode ?? error.GetType().Name);
            return RecoveryOutcome.Failed;
        }
        finally
        {
            _one.Release();
        }
    }

    // A twin the run's changes create (a pool) belongs to the run that has it now, while that run streams: one ADT took,
    // or one whose createTwin is still to come; not one whose createTwin ADT refused (its writes' 404s are ADT's word).
    private RunRecord? RunThatCreated(string twinId) =>
        twins.Find(twinId) is { ModelId: not null } state && (state.WasCreated || !state.TakesWrites)
        && runs.Find(state.Progress().RunId) is { State: RunState.Streaming } run ? run : null;

    public enum RecoveryOutcome
    {
        Recovered,

        /// <summary>The twin is of no run this service knows: a 404 for it is ADT's final word.</summary>
        NotOurs,

        /// <summary>Provisioning failed for now; try again later.</summary>
        Failed,
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twin {TwinId} was missing from ADT: provisioned run {RunId}'s graph again, {Count} twins created ({Twins}), their state rewritten; {Restored} twins the run created are being restored")]
    private static partial void LogReprovisioned(ILogger logger, string twinId, string runId, int count, string twins, int restored);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not provision the graph of twin {TwinId} again: {Status} {ErrorCode}; trying later")]
    private static partial void LogRecoveryFailed(ILogger logger, string twinId, int status, string? errorCode);

    public void Dispose() => _one.Dispose();
}
