using Microsoft.Extensions.Options;
using PlateletTwins.SimulatorService.Diagnostics;
using PlateletTwins.SimulatorService.Lab.Configuration;
using PlateletTwins.SimulatorService.Lab.Running;

namespace PlateletTwins.SimulatorService.Streaming;

/// <summary>The service mode: streams one run of the configured lab to the intake when the service starts.</summary>
public sealed partial class TelemetryStreamer(
    IngestionClient ingestion,
    SimulatorTelemetry telemetry,
    IOptions<StreamingOptions> options,
    TimeProvider time,
    ILogger<TelemetryStreamer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        LabConfig lab;
        try
        {
            lab = settings.LabFile is { } path ? LabFile.Load(path) : ReferenceLab.Create();
        }
        catch (Exception problem) when (problem is LabFileException or IOException)
        {
            // Nothing is streamed of a lab that cannot run; the host stops with the reason in its log.
            LogLabRefused(logger, problem.Message);
            throw;
        }
        var run = new RunOptions { Lab = lab, Hours = settings.Hours, Seed = settings.Seed, Profile = settings.Profile, PoolRetention = settings.PoolRetention };
        // Unique to this process: a simulator restarted within the same second starts a run of its own, whose
        // sequences begin again, rather than continuing the dead one's.
        var runId = $"run-{time.GetUtcNow():yyyyMMdd-HHmmss}-{settings.Seed}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3))}";
        await new RunStreamer(ingestion, telemetry, settings, time, logger).RunAsync(runId, run, stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Streaming:LabFile: {Problem}")]
    private static partial void LogLabRefused(ILogger logger, string problem);
}
