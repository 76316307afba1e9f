using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PlateletTwins.SimulatorService.Diagnostics;

/// <summary>The simulator's ActivitySource and Meter.</summary>
internal sealed class SimulatorTelemetry : IDisposable
{
    public const string Name = "PlateletTwins.Simulator";

    public static readonly ActivitySource Source = new(Name);

    private readonly Meter _meter;

    public SimulatorTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        Generated = _meter.CreateCounter<long>("platelet.simulator.updates.generated", "{update}", "Device updates the simulation produced.");
        Sent = _meter.CreateCounter<long>("platelet.simulator.updates.sent", "{update}", "Device updates the intake accepted.");
        Throttled = _meter.CreateCounter<long>("platelet.simulator.batches.throttled", "{batch}", "Batches the intake refused for now (429 or unreachable).");
    }

    public Counter<long> Generated { get; }

    public Counter<long> Sent { get; }

    public Counter<long> Throttled { get; }

    /// <summary>
    /// Starts the span in which an update is created: a new trace of its own (one trace per update), whatever
    /// activity happens to be current.
    /// </summary>
    public static Activity? StartUpdate(string deviceId)
    {
        var previous = Activity.Current;
        Activity.Current = null;
        try
        {
            var activity = Source.StartActivity("create device-update", ActivityKind.Producer);
            activity?.SetTag("digitaltwins.twin.id", deviceId);
            return activity;
        }
        finally
        {
            Activity.Current = previous;
        }
    }

    /// <summary>Starts the span in which a pool twin's update or change is created: like a device update's, a trace of its own.</summary>
    public static Activity? StartPoolMessage(string twinId, string kind)
    {
        var previous = Activity.Current;
        Activity.Current = null;
        try
        {
            var activity = Source.StartActivity("create pool-message", ActivityKind.Producer);
            activity?.SetTag("digitaltwins.twin.id", twinId);
            activity?.SetTag("platelet.pool.message", kind);
            return activity;
        }
        finally
        {
            Activity.Current = previous;
        }
    }

    /// <summary>
    /// The span of one batch sent to the intake: a trace of its own, linked to every update it carries; the HTTP call
    /// that sends the batch is its child.
    /// </summary>
    public static Activity? StartBatch(IEnumerable<ActivityLink> links, int count)
    {
        // A default parent context means "the current activity"; clearing it makes the batch a root.
        Activity.Current = null;
        var activity = Source.StartActivity("send device-updates", ActivityKind.Producer, parentContext: default, links: links);
        activity?.SetTag("messaging.batch.message_count", count);
        return activity;
    }

    public void Dispose() => _meter.Dispose();
}
