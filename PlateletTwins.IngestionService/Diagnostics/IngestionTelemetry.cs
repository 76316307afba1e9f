using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PlateletTwins.IngestionService.Diagnostics;

/// <summary>The ingestion service's ActivitySource and Meter, one of each for the component.</summary>
internal sealed class IngestionTelemetry : IDisposable
{
    public const string Name = "PlateletTwins.Ingestion";

    public static readonly ActivitySource Source = new(Name);

    private readonly Meter _meter;

    public IngestionTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        Accepted = _meter.CreateCounter<long>("platelet.ingestion.updates.accepted", "{update}", "Updates the intake accepted.");
        Rejected = _meter.CreateCounter<long>("platelet.ingestion.updates.rejected", "{update}", "Updates the intake refused, by reason.");
        Refused = _meter.CreateCounter<long>("platelet.ingestion.updates.refused", "{update}", "Updates in batches answered 429 because the backlog was full.");
        Coalesced = _meter.CreateCounter<long>("platelet.ingestion.updates.coalesced", "{update}", "Updates merged into a later write of the same twin.");
        Written = _meter.CreateCounter<long>("platelet.ingestion.writes", "{write}", "JSON Patch writes ADT acknowledged.");
        ChangesWritten = _meter.CreateCounter<long>("platelet.ingestion.changes.written", "{change}", "Twin and relationship lifecycle changes ADT acknowledged, by kind.");
        EventsSent = _meter.CreateCounter<long>("platelet.ingestion.events.sent", "{event}", "Discrete events ADT's telemetry API took.");
        Throttled = _meter.CreateCounter<long>("platelet.ingestion.adt.throttled", "{response}", "429 answers from ADT, retried attempts included.");
        Failed = _meter.CreateCounter<long>("platelet.ingestion.writes.failed", "{write}", "Writes that failed, by ADT error code.");
        DeadLettered = _meter.CreateCounter<long>("platelet.ingestion.updates.deadlettered", "{update}", "Updates whose write ADT refused for good.");
        Reprovisioned = _meter.CreateCounter<long>("platelet.ingestion.twins.reprovisioned", "{twin}", "Twins found missing from ADT and created again.");
        Split = _meter.CreateCounter<long>("platelet.ingestion.writes.split", "{write}", "Writes ADT refused as a whole, split to find the property it refused.");
        EndToEndLatency = _meter.CreateHistogram<double>("platelet.ingestion.latency", "s",
            "From an update's or a lifecycle change's creation in the simulator to ADT's acknowledgement of the write that carried it.");
    }

    public Counter<long> Accepted { get; }

    public Counter<long> Rejected { get; }

    public Counter<long> Refused { get; }

    public Counter<long> Coalesced { get; }

    public Counter<long> Written { get; }

    public Counter<long> EventsSent { get; }

    public Counter<long> ChangesWritten { get; }

    public Counter<long> Throttled { get; }

    public Counter<long> Failed { get; }

    /// <summary>Reports the backlog (updates accepted, not yet written), the write rate in force and the staleness, as gauges.</summary>
    public void Observe(Func<long> backlog, Func<double> rate, Func<double> stalenessSeconds)
    {
        _meter.CreateObservableGauge("platelet.ingestion.staleness", stalenessSeconds, "s", "Age of the oldest update not yet in ADT, over all twins.");
        _meter.CreateObservableGauge("platelet.ingestion.backlog", backlog, "{update}", "Updates accepted and not yet written to ADT.");
        _meter.CreateObservableGauge("platelet.ingestion.write.rate", rate, "{write}/s", "The instance write rate in force (lowered on 429s, AIMD).");
    }

    public Counter<long> DeadLettered { get; }

    public Counter<long> Reprovisioned { get; }

    public Counter<long> Split { get; }

    public Histogram<double> EndToEndLatency { get; }

    public void Dispose() => _meter.Dispose();
}
