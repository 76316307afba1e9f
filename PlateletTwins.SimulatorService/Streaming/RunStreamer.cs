using System.Diagnostics;
using System.Threading.Channels;
using PlateletTwins.SimulatorService.Devices;
using PlateletTwins.SimulatorService.Diagnostics;
using PlateletTwins.SimulatorService.Lab.Model;
using PlateletTwins.SimulatorService.Lab.Running;

namespace PlateletTwins.SimulatorService.Streaming;

/// <summary>
/// One run streamed to the intake: the lab advances instant by instant at the configured speed; its updates go, each
/// in a trace of its own, through a bounded backlog to a sender that batches them. A batch the intake cannot take now
/// is offered again after its Retry-After while the backlog fills and the simulation waits: no update is dropped.
/// When the intake no longer knows the run (it restarted), the run is started again and every device's state as last
/// accepted resent before the stream goes on, so no twin goes backwards or misses a change.
/// </summary>
public sealed partial class RunStreamer(
    IngestionClient ingestion,
    SimulatorTelemetry telemetry,
    StreamingOptions options,
    TimeProvider time,
    ILogger logger)
{
    // The state of each device as the intake last accepted it: what is resent when the intake forgot the run.
    // Only the sender touches it.
    private readonly Dictionary<string, TwinUpdateMessage> _lastSent = new(StringComparer.Ordinal);

    /// <summary>Simulated minutes between updates of the run's own twin.</summary>
    private const double KpiInterval = 60;

    /// <summary>Streams the run to its end; returns the lab as it ended.</summary>
    public async Task<LabModel> RunAsync(string runId, RunOptions run, CancellationToken cancellationToken)
    {
        var startTime = options.StartTime ?? new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date.AddHours(7), TimeSpan.Zero);
        var start = StartMessage.For(runId, run, options.Speed, startTime);
        await DeliverAsync(() => ingestion.StartRunAsync(start, cancellationToken), "start run", start, cancellationToken);
        LogRunStarted(logger, runId, run.Lab.Devices.Count, options.Speed);

        var backlog = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(options.MaxBacklog) { SingleReader = true, SingleWriter = true });
        var produced = new List<Outgoing>();
        var eventNumber = 0L;
        var lab = new LabModel(run.EffectiveLab, run.Seed,
            update => produced.Add(new Outgoing(Message(update, startTime), null)),
            // The event id is its Message-Id in ADT: stable, so a resent event is recognised as the same one.
            deviceEvent => produced.Add(new Outgoing(null, new EventMessage($"{runId}:{deviceEvent.DeviceId}:{++eventNumber}", deviceEvent.DeviceId,
                startTime.AddMinutes(deviceEvent.SimulatedMinutes), deviceEvent.Type, deviceEvent.Detail, null))));
        var sender = SendAsync(runId, start, backlog.Reader, cancellationToken);
        var pacer = new Pacer(options.MinutesPerSecond, time);
        var horizon = run.Hours * 60;
        var runSequence = 0L;
        var nextKpis = KpiInterval;
        try
        {
            while (lab.NextEventTime < horizon)
            {
                var instant = lab.NextEventTime;
                await pacer.WaitForAsync(instant, cancellationToken);
                // Just past the instant, so that its events and its end run now.
                lab.RunUntil(Math.BitIncrement(instant));
                if (instant >= nextKpis)
                {
                    // The run's twin follows its clock and KPIs every simulated hour.
                    produced.Add(new Outgoing(RunKpis.Update(runId, ++runSequence, lab, startTime, completed: false, time.GetUtcNow()), null));
                    nextKpis = Math.Floor(instant / KpiInterval + 1) * KpiInterval;
                }
                foreach (var message in produced)
                {
                    if (!backlog.Writer.TryWrite(message))
                    {
                        // The backlog is full: the intake is behind. The simulated clock waits for it.
                        await backlog.Writer.WriteAsync(message, cancellationToken);
                        pacer.Reanchor(instant);
                    }
                }
                produced.Clear();
            }
            lab.RunUntil(horizon);
            await backlog.Writer.WriteAsync(new Outgoing(RunKpis.Update(runId, ++runSequence, lab, startTime, completed: true, time.GetUtcNow()), null), cancellationToken);
        }
        finally
        {
            backlog.Writer.TryComplete();
        }
        await sender;
        LogRunEnded(logger, runId, lab.Statistics.PoolsReleased);
        return lab;
    }

    private TwinUpdateMessage Message(DeviceUpdate update, DateTimeOffset startTime)
    {
        using var activity = SimulatorTelemetry.StartUpdate(update.DeviceId);
        activity?.SetTag("platelet.device.status", update.Status.ToString());
        var message = UpdateMapper.ToMessage(update, startTime, activity?.Id, time.GetUtcNow());
        telemetry.Generated.Add(1);
        return message;
    }

    private async Task SendAsync(string runId, RunStartMessage start, ChannelReader<Outgoing> backlog, CancellationToken cancellationToken)
    {
        var batch = new List<Outgoing>(options.BatchSize);
        while (await backlog.WaitToReadAsync(cancellationToken))
        {
            var deadline = time.GetUtcNow() + options.BatchInterval;
            while (batch.Count < options.BatchSize)
            {
                if (backlog.TryRead(out var message))
                {
                    batch.Add(message);
                    continue;
                }
                var wait = deadline - time.GetUtcNow();
                if (wait <= TimeSpan.Zero)
                {
                    break;
                }
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(wait);
                try
                {
                    if (!await backlog.WaitToReadAsync(timeout.Token))
                    {
                        break;
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    break;
                }
            }
            await SendBatchAsync(runId, start, batch, cancellationToken);
            batch.Clear();
        }
    }

    private async Task SendBatchAsync(string runId, RunStartMessage start, List<Outgoing> items, CancellationToken cancellationToken)
    {
        var updates = items.Where(i => i.Update is not null).Select(i => i.Update!).ToList();
        var events = items.Where(i => i.Event is not null).Select(i => i.Event!).ToList();
        var links = updates.Select(u => ActivityContext.TryParse(u.TraceParent, null, out var c) ? new ActivityLink(c) : default)
            .Where(l => l.Context != default);
        using var send = SimulatorTelemetry.StartBatch(links, items.Count);
        var batch = new TelemetryBatchMessage(runId, updates, events.Count > 0 ? events : null);
        await DeliverAsync(() => ingestion.SendBatchAsync(batch, cancellationToken), "send batch", start, cancellationToken);
        foreach (var update in updates)
        {
            _lastSent[update.TwinId] = update;
        }
        telemetry.Sent.Add(updates.Count);
    }

    /// <summary>Offers a request until the intake takes it; on an unknown run, starts the run again and resends the current state first.</summary>
    private async Task DeliverAsync(Func<Task<SendOutcome>> send, string what, RunStartMessage start, CancellationToken cancellationToken)
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
                case SendStatus.UnknownRun:
                    LogRunUnknown(logger, start.RunId);
                    await DeliverAsync(() => ingestion.StartRunAsync(start, cancellationToken), "start run again", start, cancellationToken);
                    // What the intake had before it forgot; the batch being offered follows with the newer updates.
                    TwinUpdateMessage[] snapshot = [.. _lastSent.Values];
                    if (snapshot.Length > 0)
                    {
                        var resend = new TelemetryBatchMessage(start.RunId, snapshot);
                        await DeliverAsync(() => ingestion.SendBatchAsync(resend, cancellationToken), "resend current state", start, cancellationToken);
                    }
                    break;
                default:
                    telemetry.Throttled.Add(1);
                    LogRetry(logger, what, outcome.HttpStatus, outcome.Detail);
                    await Task.Delay(outcome.RetryAfter ?? options.RetryDelay, time, cancellationToken);
                    break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} started with {DeviceCount} devices at speed {Speed}")]
    private static partial void LogRunStarted(ILogger logger, string runId, int deviceCount, string speed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} ended: {Released} pools released")]
    private static partial void LogRunEnded(ILogger logger, string runId, int released);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The intake does not know run {RunId} (it restarted?): starting it again and resending the current state")]
    private static partial void LogRunUnknown(ILogger logger, string runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The intake rejected part of a {What}: {Detail}")]
    private static partial void LogPartlyRejected(ILogger logger, string what, string? detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not {What} yet ({Status}): {Detail}; trying again")]
    private static partial void LogRetry(ILogger logger, string what, int status, string? detail);
}
