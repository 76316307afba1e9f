using System.Text.Json.Nodes;
using Azure;
using PlateletTwins.IngestionService.Adt;
using PlateletTwins.IngestionService.Runs;

namespace PlateletTwins.IngestionService.Provisioning;

/// <summary>
/// Looks every little while for the twin of each streaming run: a graph that vanished while nothing was being written
/// (an emulator restarted empty after the run's last write, an instance restored) is provisioned again and rewritten,
/// as a write's 404 would have it. One read per run each time, which spends no write budget.
/// </summary>
internal sealed partial class GraphWatch(RunRegistry runs, DigitalTwinsClient client, GraphRecovery recovery, TimeProvider time, ILogger<GraphWatch> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Interval, time, stoppingToken);
                foreach (var run in runs.All.Where(r => r.State == RunState.Streaming).ToList())
                {
                    await LookAsync(run, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task LookAsync(RunRecord run, CancellationToken cancellationToken)
    {
        try
        {
            await client.GetDigitalTwinAsync<JsonObject>(run.RunId, cancellationToken);
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            LogMissing(logger, run.RunId);
            // Never throws; a failed attempt is made again at the next look.
            await recovery.RecoverAsync(run.RunId, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // ADT unreachable or throttling: the writers' own failures say so; look again next time.
            LogLookFailed(logger, run.RunId, error.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The twin of run {RunId} is missing from ADT: provisioning its graph again")]
    private static partial void LogMissing(ILogger logger, string runId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not look for the twin of run {RunId}: {Message}")]
    private static partial void LogLookFailed(ILogger logger, string runId, string message);
}
