using Microsoft.Extensions.Options;
using PlateletTwins.SimulatorService.Diagnostics;
using PlateletTwins.SimulatorService.Lab.Configuration;
using PlateletTwins.SimulatorService.Lab.Running;

namespace PlateletTwins.SimulatorService.Streaming;

/// <summary>
/// The service mode: when the service starts, streams one run of each configured lab to the intake, all at once, each
/// with its own run id and twins (<see cref="LabTwins"/>).
/// </summary>
internal sealed partial class TelemetryStreamer(
    IngestionClient ingestion,
    SimulatorTelemetry telemetry,
    IOptions<StreamingOptions> options,
    TimeProvider time,
    ILogger<TelemetryStreamer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var labs = LoadLabs(settings.LabFiles);
        await Task.WhenAll(labs.Select((lab, i) =>
        {
            var seed = SeedOf(settings.Seed, i);
            var run = new RunOptions { Lab = lab, Hours = settings.Hours, Seed = seed, Profile = settings.Profile, PoolRetention = settings.PoolRetention };
            // Unique to this process: a simulator restarted within the same second starts a run of its own, whose
            // sequences begin again, rather than continuing the dead one's.
            var runId = $"run-{time.GetUtcNow():yyyyMMdd-HHmmss}-{seed}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3))}";
            return new RunStreamer(ingestion, telemetry, settings, time, logger).RunAsync(runId, run, stoppingToken);
        }));
    }

    /// <summary>
    /// The seed of the <paramref name="index"/>th lab of <c>Streaming:LabFiles</c>: <c>Streaming:Seed</c> for the first,
    /// one more for each next, so that labs streamed together fail and receive donations independently (two copies of
    /// one lab would otherwise move in step); the run twin's <c>seed</c> says which a run had.
    /// </summary>
    public static ulong SeedOf(ulong seed, int index) => unchecked(seed + (ulong)index);

    // Nothing is streamed of a lab that cannot run, nor of any other: the host stops with the reason in its log.
    private List<LabConfig> LoadLabs(List<string> files)
    {
        try
        {
            if (files.Count == 0)
            {
                return [ReferenceLab.Create()];
            }
            var labs = files.Select(file => (File: file, Lab: LabFile.Load(file))).ToList();
            // Two runs of one lab would write the same twins, each undoing the other's.
            if (labs.GroupBy(l => l.Lab.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                throw new LabFileException(string.Join(", ", twice.Select(l => l.File)),
                    [$"id '{twice.Key}': each of these files describes lab '{twice.Key}', and a lab streams once at a time: give each lab an id of its own"]);
            }
            return [.. labs.Select(l => l.Lab)];
        }
        catch (Exception problem) when (problem is LabFileException or IOException)
        {
            LogLabRefused(logger, problem.Message);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Streaming:LabFiles: {Problem}")]
    private static partial void LogLabRefused(ILogger logger, string problem);
}
