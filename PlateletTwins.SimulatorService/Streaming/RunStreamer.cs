using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using PlateletTwins.SimulatorService.Devices;
using PlateletTwins.SimulatorService.Diagnostics;
using PlateletTwins.SimulatorService.Lab.Model;
using PlateletTwins.SimulatorService.Lab.Running;
using TwinChangeKind = PlateletTwins.Dtdl.Lab.TwinChangeKind;

namespace PlateletTwins.SimulatorService.Streaming;

/// <summary>
/// One run streamed to the intake: the lab advances instant by instant at the configured speed; its updates go, each
/// in a trace of its own, through a bounded backlog to a sender that batches them. A batch the intake cannot take now
/// is offered again after its Retry-After while the backlog fills and the simulation waits: no update is dropped, and
/// any failure of the intake is retried with backoff for as long as the run lasts. At the end the streamer asks the
/// intake what has reached ADT, resends what the intake does not have, and marks the run's twin Completed only once
/// every update and event is acknowledged. When the intake no longer knows the run, the run is started again and
/// every twin's latest state and every event resent. What the intake refuses is counted, logged as an error and
/// reported on the run's twin. Pools (on by default) travel in the same batches as their twins' lifecycle: changes
/// (created, <c>processedBy</c> moved, ended, deleted after the retention) and updates, in the order the lab made
/// them, each deletion at its own simulated time; pool twins' updates are not a twin's latest state to resend, since
/// a pool's twin comes and goes.
/// </summary>
internal sealed partial class RunStreamer(
    IngestionClient ingestion,
    SimulatorTelemetry telemetry,
    StreamingOptions options,
    TimeProvider time,
    ILogger logger)
{
    // Only the sender touches these (and, once it is done, the end of the run).
    // The latest update of each twin the intake accepted: what is resent when the intake lost it.
    private readonly Dictionary<string, TwinUpdateMessage> _lastSent = new(StringComparer.Ordinal);
    // Every event the intake accepted, in order: resent (and recognised by its id) when the intake lost some.
    private readonly List<EventMessage> _eventsSent = [];
    private long _updatesSent;
    private long _changesSent;
    private PoolMessages? _pools;
    // What the intake accepted of each pool twin that still exists, in order: resent whole when the intake lost the
    // run, since a pool's later steps mean nothing without its creation. A few hundred twins (those in shelf life).
    private readonly Dictionary<string, List<Outgoing>> _poolHistory = new(StringComparer.Ordinal);
    private long _refused;

    /// <summary>Simulated minutes between updates of the run's own twin.</summary>
    private const double KpiInterval = 60;

    /// <summary>Streams the run to its end; returns the lab as it ended.</summary>
    public async Task<LabModel> RunAsync(string runId, RunOptions run, CancellationToken cancellationToken)
    {
        var startTime = options.StartTime ?? new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date.AddHours(7), TimeSpan.Zero);
        var start = StartMessage.For(runId, run, options.Speed, startTime, options.Lossless);
        var eventNumber = 0L;
        var produced = new List<Outgoing>();
        var twins = new LabTwins(run.EffectiveLab);
        var pools = options.Pools ? new PoolMessages(runId, twins, startTime, time) : null;
        _pools = pools;
        var lab = new LabModel(run.EffectiveLab, run.Seed,
            update => produced.Add(new Outgoing(Message(update, twins, startTime), null)),
            // The event id is its Message-Id in ADT: stable, so a resent event is recognised as the same one.
            deviceEvent => produced.Add(new Outgoing(null, new EventMessage($"{runId}:{deviceEvent.DeviceId}:{++eventNumber}", twins.Device(deviceEvent.DeviceId),
                startTime.AddMinutes(deviceEvent.SimulatedMinutes), deviceEvent.Type.ToString(), deviceEvent.Detail, null))),
            pools is null ? null : run.PoolTracking(step => pools.Append(step, produced)));
        try
        {
            await DeliverAsync(() => ingestion.StartRunAsync(start, cancellationToken), "start run", start, cancellationToken);
            LogRunStarted(logger, runId, run.Lab.Devices.Count, options.Speed, options.Lossless);
            var runSequence = await StreamAsync(runId, start, run, lab, produced, startTime, cancellationToken);
            await CompleteAsync(start, lab, startTime, runSequence, cancellationToken);
        }
        catch (RunSupersededException superseded)
        {
            LogSuperseded(logger, runId, superseded.Message);
        }
        return lab;
    }

    private async Task<long> StreamAsync(string runId, RunStartMessage start, RunOptions run, LabModel lab, List<Outgoing> produced, DateTimeOffset startTime, CancellationToken cancellationToken)
    {
        var backlog = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(options.MaxBacklog) { SingleReader = true, SingleWriter = true });
        var sender = SendAsync(start, backlog.Reader, cancellationToken);
        var pacer = new Pacer(options.MinutesPerSecond, time);
        var horizon = run.Hours * 60;
        var runSequence = 0L;
        var nextKpis = KpiInterval;
        try
        {
            while (Math.Min(lab.NextEventTime, lab.NextPoolDeletion) < horizon)
            {
                // A pool twin due for deletion between two instants goes at its own time; the lab's clock stays.
                var deleting = lab.NextPoolDeletion < lab.NextEventTime;
                var instant = deleting ? lab.NextPoolDeletion : lab.NextEventTime;
                await pacer.WaitForAsync(instant, cancellationToken);
                if (deleting)
                {
                    lab.DeletePoolsBefore(Math.BitIncrement(instant));
                }
                else
                {
                    // Just past the instant, so that its events and its end run now.
                    lab.RunUntil(Math.BitIncrement(instant));
                }
                if (!deleting && instant >= nextKpis)
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
            // The run's last clock and KPIs; Completed follows once ADT has everything.
            await backlog.Writer.WriteAsync(new Outgoing(RunKpis.Update(runId, ++runSequence, lab, startTime, completed: false, time.GetUtcNow()), null), cancellationToken);
        }
        finally
        {
            backlog.Writer.TryComplete();
        }
        await sender;
        return runSequence;
    }

    // Waits until ADT has every update and event, then marks the run Completed, with what became of its updates.
    private async Task CompleteAsync(RunStartMessage start, LabModel lab, DateTimeOffset startTime, long runSequence, CancellationToken cancellationToken)
    {
        var status = await AwaitAcknowledgedAsync(start, cancellationToken);
        var updates = status["updates"]!;
        var coalesced = updates["coalesced"]!.GetValue<long>();
        var refused = _refused + updates["deadLettered"]!.GetValue<long>();
        var counts = new StreamCounts(options.Lossless, _updatesSent + 1, coalesced, refused, _eventsSent.Count);
        var completed = RunKpis.Update(start.RunId, runSequence + 1, lab, startTime, completed: true, time.GetUtcNow(), counts);
        await SendBatchAsync(start, [new Outgoing(completed, null)], cancellationToken);
        await AwaitAcknowledgedAsync(start, cancellationToken);
        if (options.ReportDirectory is { } directory)
        {
            await StreamReport.WriteAsync(directory, start.RunId, counts, _lastSent.Values, cancellationToken);
        }
        if (refused > 0)
        {
            LogRefusedTotal(logger, start.RunId, refused);
        }
        LogRunEnded(logger, start.RunId, lab.Statistics.PoolsReleased, counts.UpdatesSent, coalesced, refused, counts.EventsSent);
        if (_pools is { } pools)
        {
            LogPools(logger, start.RunId, lab.Statistics.PoolsStarted, pools.Updates, pools.Changes, _changesSent);
        }
    }

    /// <summary>Asks the intake until every twin's last update, every event and every pool change is done with; resends what it does not have.</summary>
    private async Task<JsonObject> AwaitAcknowledgedAsync(RunStartMessage start, CancellationToken cancellationToken)
    {
        while (true)
        {
            var outcome = await ingestion.GetRunStatusAsync(start.RunId, cancellationToken);
            switch (outcome.Status)
            {
                case SendStatus.Accepted when outcome.Body is { } status:
                    if (RunStates.Of(status) is not RunState.Streaming)
                    {
                        throw new RunSupersededException($"superseded by {status["supersededBy"]}");
                    }
                    var twins = status["twins"] as JsonObject ?? [];
                    var missing = _lastSent.Values.Where(u => (twins[u.TwinId]?["accepted"]?.GetValue<long>() ?? -1) < u.Sequence).ToList();
                    var events = status["events"]!;
                    var eventsMissing = events["accepted"]!.GetValue<long>() < _eventsSent.Count;
                    if (missing.Count == 0 && !eventsMissing)
                    {
                        // Pools' changes too: a run is Completed only once ADT has every pool twin's lifecycle so far.
                        var settled = _lastSent.Keys.All(id => twins[id]?["pending"]?.GetValue<int>() == 0)
                            && events["pending"]!.GetValue<long>() <= 0
                            && (status["changes"]?["pending"]?.GetValue<long>() ?? 0) <= 0;
                        if (settled)
                        {
                            return status;
                        }
                        break;
                    }
                    LogResending(logger, start.RunId, missing.Count, eventsMissing ? _eventsSent.Count : 0);
                    await ResendAsync(start, missing, eventsMissing, cancellationToken);
                    continue;
                case SendStatus.UnknownRun:
                    await RestartAsync(start, cancellationToken);
                    continue;
                default:
                    LogRetry(logger, "read the run's progress", outcome.HttpStatus, outcome.Detail);
                    break;
            }
            await Task.Delay(options.AcknowledgementPoll, time, cancellationToken);
        }
    }

    private TwinUpdateMessage Message(DeviceUpdate update, LabTwins twins, DateTimeOffset startTime)
    {
        using var activity = SimulatorTelemetry.StartUpdate(twins.Device(update.DeviceId));
        activity?.SetTag("platelet.device.status", update.Status.ToString());
        var message = UpdateMapper.ToMessage(update, twins, startTime, activity?.Id, time.GetUtcNow());
        telemetry.Generated.Add(1);
        return message;
    }

    private async Task SendAsync(RunStartMessage start, ChannelReader<Outgoing> backlog, CancellationToken cancellationToken)
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
            await SendBatchAsync(start, batch, cancellationToken);
            batch.Clear();
        }
    }

    private async Task SendBatchAsync(RunStartMessage start, List<Outgoing> items, CancellationToken cancellationToken)
    {
        var updates = items.Where(i => i.Update is not null).ToList();
        var events = items.Where(i => i.Event is not null).Select(i => i.Event!).ToList();
        var changes = items.Where(i => i.Change is not null).Select(i => i.Change!).ToList();
        var links = updates.Select(u => u.Update!.TraceParent).Concat(changes.Select(c => c.TraceParent))
            .Select(t => ActivityContext.TryParse(t, null, out var c) ? new ActivityLink(c) : default)
            .Where(l => l.Context != default);
        using var send = SimulatorTelemetry.StartBatch(links, items.Count);
        var batch = new TelemetryBatchMessage(start.RunId, [.. updates.Select(u => u.Update!)], events.Count > 0 ? events : null, changes.Count > 0 ? changes : null);
        var outcome = await DeliverAsync(() => ingestion.SendBatchAsync(batch, cancellationToken), "send batch", start, cancellationToken);
        // A 207's indices: the batch's updates, then its events, then its changes.
        var refused = RefusedItems(outcome, updates.Count + events.Count + changes.Count);
        for (var i = 0; i < updates.Count; i++)
        {
            if (!refused.Contains(i))
            {
                if (!updates[i].PoolTwin)
                {
                    _lastSent[updates[i].Update!.TwinId] = updates[i].Update!;
                }
                _updatesSent++;
            }
        }
        _changesSent += changes.Count - refused.Count(i => i >= updates.Count + events.Count);
        KeepPoolHistory(updates, refused, 0);
        KeepPoolHistory([.. changes.Select(c => new Outgoing(null, null, c))], refused, updates.Count + events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            if (!refused.Contains(updates.Count + i))
            {
                _eventsSent.Add(events[i]);
            }
        }
        _refused += refused.Count;
        telemetry.Sent.Add(updates.Count);
    }

    private void KeepPoolHistory(List<Outgoing> items, HashSet<int> refused, int offset)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (refused.Contains(offset + i) || !(item.PoolTwin || item.Change is not null))
            {
                continue;
            }
            var twinId = item.Update?.TwinId ?? item.Change!.TwinId;
            if (item.Change?.Kind == TwinChangeKind.DeleteTwin)
            {
                _poolHistory.Remove(twinId);
                continue;
            }
            if (!_poolHistory.TryGetValue(twinId, out var history))
            {
                _poolHistory[twinId] = history = [];
            }
            history.Add(item);
        }
    }

    // The items of a 207 the intake refused (by index: the batch's updates, then its events); all of a refused batch.
    private static HashSet<int> RefusedItems(SendOutcome outcome, int count)
    {
        var refused = new HashSet<int>();
        if (outcome.Status == SendStatus.Refused)
        {
            refused.UnionWith(Enumerable.Range(0, count));
        }
        foreach (var result in outcome.Body?["results"] as JsonArray ?? [])
        {
            if (result?["status"]?.GetValue<int>() is not 202 && result?["index"]?.GetValue<int>() is { } index)
            {
                refused.Add(index);
            }
        }
        return refused;
    }

    private async Task ResendAsync(RunStartMessage start, List<TwinUpdateMessage> updates, bool events, CancellationToken cancellationToken)
    {
        if (updates.Count > 0)
        {
            await DeliverAsync(() => ingestion.SendBatchAsync(new TelemetryBatchMessage(start.RunId, updates), cancellationToken), "resend current state", start, cancellationToken);
        }
        if (events)
        {
            foreach (var chunk in _eventsSent.Chunk(options.BatchSize))
            {
                await DeliverAsync(() => ingestion.SendBatchAsync(new TelemetryBatchMessage(start.RunId, [], chunk), cancellationToken), "resend events", start, cancellationToken);
            }
        }
    }

    private async Task RestartAsync(RunStartMessage start, CancellationToken cancellationToken)
    {
        LogRunUnknown(logger, start.RunId);
        await DeliverAsync(() => ingestion.StartRunAsync(start, cancellationToken), "start run again", start, cancellationToken);
        // What the intake had before it forgot; whatever was being offered follows with the newer updates.
        await ResendAsync(start, [.. _lastSent.Values], events: true, cancellationToken);
        // Every pool twin that exists, from its creation on, with its own sequences.
        foreach (var chunk in _poolHistory.Values.SelectMany(h => h).Chunk(options.BatchSize))
        {
            var batch = new TelemetryBatchMessage(start.RunId, [.. chunk.Where(o => o.Update is not null).Select(o => o.Update!)], null,
                [.. chunk.Where(o => o.Change is not null).Select(o => o.Change!)]);
            await DeliverAsync(() => ingestion.SendBatchAsync(batch, cancellationToken), "resend pools", start, cancellationToken);
        }
    }

    /// <summary>Offers a request until the intake takes it (wholly or in part, or refuses it as malformed); on an unknown run, starts the run again and resends first.</summary>
    private async Task<SendOutcome> DeliverAsync(Func<Task<SendOutcome>> send, string what, RunStartMessage start, CancellationToken cancellationToken)
    {
        var delay = options.RetryDelay;
        while (true)
        {
            var outcome = await send();
            switch (outcome.Status)
            {
                case SendStatus.Accepted:
                    return outcome;
                case SendStatus.PartlyRejected:
                    // The intake kept what it could; the rest are updates our own models refuse: a defect, logged loudly.
                    LogPartlyRejected(logger, what, outcome.Detail);
                    return outcome;
                case SendStatus.Superseded:
                    throw new RunSupersededException(outcome.Detail ?? "superseded");
                case SendStatus.UnknownRun:
                    await RestartAsync(start, cancellationToken);
                    break;
                case SendStatus.Refused when outcome.HttpStatus is 400 or 413:
                    // Malformed as a whole: sending it again would be refused again. Counted as refused.
                    LogRefused(logger, what, outcome.HttpStatus, outcome.Detail);
                    return outcome;
                default:
                    telemetry.Throttled.Add(1);
                    LogRetry(logger, what, outcome.HttpStatus, outcome.Detail);
                    await Task.Delay(outcome.RetryAfter ?? delay, time, cancellationToken);
                    // Backoff while the intake is away; a Retry-After says exactly how long.
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
                    break;
            }
        }
    }

    private sealed class RunSupersededException(string message) : Exception(message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} started with {DeviceCount} devices at speed {Speed} (lossless: {Lossless})")]
    private static partial void LogRunStarted(ILogger logger, string runId, int deviceCount, string speed, bool lossless);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} completed, every update and event acknowledged by ADT: {Released} pools released; {Sent} updates sent, {Coalesced} coalesced, {Refused} refused; {Events} events")]
    private static partial void LogRunEnded(ILogger logger, string runId, int released, long sent, long coalesced, long refused, long events);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: {Pools} pools streamed as twins, {Updates} pool updates and {Changes} twin and relationship changes made, {Sent} changes accepted")]
    private static partial void LogPools(ILogger logger, string runId, int pools, long updates, long changes, long sent);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId}: {Refused} updates or events were refused (by the intake, or by ADT for good): see the errors above and the dead letters")]
    private static partial void LogRefusedTotal(ILogger logger, string runId, long refused);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The intake does not know run {RunId} (it lost it): starting it again and resending the current state and the events")]
    private static partial void LogRunUnknown(ILogger logger, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: the intake lacks {Updates} twins' latest updates and some events ({Events} resent); resending")]
    private static partial void LogResending(ILogger logger, string runId, int updates, int events);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} stopped: a newer run of its lab started ({Detail})")]
    private static partial void LogSuperseded(ILogger logger, string runId, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "The intake rejected part of a {What}: {Detail}")]
    private static partial void LogPartlyRejected(ILogger logger, string what, string? detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "The intake refused a {What} as a whole ({Status}): {Detail}")]
    private static partial void LogRefused(ILogger logger, string what, int status, string? detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not {What} yet ({Status}): {Detail}; trying again")]
    private static partial void LogRetry(ILogger logger, string what, int status, string? detail);
}
