using System.Diagnostics;
using Microsoft.Extensions.Options;
using PlateletTwins.SimulatorService.Devices;
using PlateletTwins.SimulatorService.Diagnostics;
using PlateletTwins.SimulatorService.Lab.Configuration;

namespace PlateletTwins.SimulatorService.Streaming;

/// <summary>
/// Starts a run at the intake and streams the devices' updates to it. A batch the intake cannot take now is
/// offered again after its Retry-After: the stream waits, it never drops an update.
/// </summary>
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
        var lab = ReferenceLab.Create();
        var startTime = settings.StartTime ?? new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date.AddHours(7), TimeSpan.Zero);
        var runId = $"run-{time.GetUtcNow():yyyyMMddHHmmss}-{settings.Seed}";

        var run = new RunStartMessage(runId, settings.Seed, settings.Speed, startTime, new LabMessage(
            lab.Id,
            lab.Name,
            [.. lab.Devices.Select(d => new DeviceMessage(d.Id, d.Type, d.Capacity))],
            [.. lab.Feeds().Select(f => new FeedMessage(f.From, f.To))]));
        await DeliverAsync(() => ingestion.StartRunAsync(run, stoppingToken), "start run", stoppingToken);
        LogRunStarted(logger, runId, lab.Devices.Count);

        // Every device's state at time zero: the twins start from a known state.
        var updates = lab.Devices.Select(d => new DeviceUpdate(d.Id, 0, 0, DeviceStatus.Idle, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        await SendAsync(runId, startTime, updates, stoppingToken);
    }

    private async Task SendAsync(string runId, DateTimeOffset startTime, IEnumerable<DeviceUpdate> updates, CancellationToken cancellationToken)
    {
        var messages = new List<TwinUpdateMessage>();
        var contexts = new List<ActivityContext>();
        foreach (var update in updates)
        {
            using var activity = SimulatorTelemetry.StartUpdate(update.DeviceId);
            messages.Add(UpdateMapper.ToMessage(update, startTime, activity?.Id, time.GetUtcNow()));
            if (activity is not null)
            {
                contexts.Add(activity.Context);
            }
            telemetry.Generated.Add(1);
        }

        using var send = SimulatorTelemetry.Source.StartActivity("send device-updates", ActivityKind.Producer,
            parentContext: default, links: contexts.Select(c => new ActivityLink(c)));
        send?.SetTag("messaging.batch.message_count", messages.Count);
        var batch = new TelemetryBatchMessage(runId, messages);
        await DeliverAsync(() => ingestion.SendBatchAsync(batch, cancellationToken), "send batch", cancellationToken);
        telemetry.Sent.Add(messages.Count);
    }

    /// <summary>Offers a request until the intake takes it; the stream (and the simulated clock behind it) waits meanwhile.</summary>
    private async Task DeliverAsync(Func<Task<SendOutcome>> send, string what, CancellationToken cancellationToken)
    {
        while (true)
        {
            var outcome = await send();
            switch (outcome.Status)
            {
                case SendStatus.Accepted:
                    return;
                case SendStatus.PartlyRejected:
                    // The intake kept what it could; the rest are updates our own models refuse: a defect, logged loudly.
                    LogPartlyRejected(logger, what, outcome.Detail);
                    return;
                default:
                    telemetry.Throttled.Add(1);
                    LogRetry(logger, what, outcome.HttpStatus, outcome.Detail);
                    await Task.Delay(outcome.RetryAfter ?? options.Value.RetryDelay, time, cancellationToken);
                    break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} started with {DeviceCount} devices")]
    private static partial void LogRunStarted(ILogger logger, string runId, int deviceCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "The intake rejected part of a {What}: {Detail}")]
    private static partial void LogPartlyRejected(ILogger logger, string what, string? detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not {What} yet ({Status}): {Detail}; trying again")]
    private static partial void LogRetry(ILogger logger, string what, int status, string? detail);
}
