using System.Diagnostics;
using System.Diagnostics.Metrics;
using PlateletTwins.IngestionService.Diagnostics;

namespace PlateletTwins.Benchmarks;

/// <summary>
/// What the ingestion service in this process spends, lab by lab, read from its own telemetry as the dashboard would:
/// <c>platelet.ingestion.latency</c> (an update's or change's creation to ADT's acknowledgement), attributed to a lab
/// by the twin of the write span it is recorded in; the write spans' durations; the intake's request durations
/// (ASP.NET Core's <c>http.server.request.duration</c> for <c>POST /api/telemetry</c>); and the staleness gauge.
/// </summary>
internal sealed class PerLabProbe : IDisposable
{
    private const string TwinTag = "digitaltwins.twin.id";

    private readonly ActivityListener _activities;
    private readonly MeterListener _meters = new();
    private readonly string[] _labs;
    private readonly Dictionary<string, LatencyRecorder> _latency = new(StringComparer.Ordinal);
    private readonly LatencyRecorder _writes = new();
    private readonly LatencyRecorder _intake = new();
    private readonly LatencyRecorder _staleness = new();
    private double _latestStaleness;

    public PerLabProbe(IEnumerable<string> labs)
    {
        _labs = [.. labs];
        foreach (var lab in _labs.Append(Other))
        {
            _latency[lab] = new LatencyRecorder();
        }
        // The service's spans exist only when something listens: recorded, as under the AppHost's OpenTelemetry.
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == IngestionTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem(TwinTag) is string && activity.OperationName != "publish event")
                {
                    _writes.Add(activity.Duration.TotalMilliseconds);
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name is "platelet.ingestion.latency" or "platelet.ingestion.staleness"
                || (instrument.Name == "http.server.request.duration" && instrument.Meter.Name == "Microsoft.AspNetCore.Hosting"))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<double>(Measured);
        _meters.Start();
    }

    /// <summary>Latencies of twins no lab's id names (the runs' own twins).</summary>
    public const string Other = "(run twins)";

    public LatencyRecorder Latency(string lab) => _latency[lab];

    /// <summary>Each write span (a patch, a twin or relationship created or deleted), in milliseconds.</summary>
    public LatencyRecorder Writes => _writes;

    /// <summary>Each <c>POST /api/telemetry</c>, in milliseconds.</summary>
    public LatencyRecorder Intake => _intake;

    /// <summary>The staleness gauge, sampled by <see cref="SampleStaleness"/>, in seconds.</summary>
    public LatencyRecorder Staleness => _staleness;

    /// <summary>Reads the gauges once (the dashboard's exporter does this on its interval).</summary>
    public double SampleStaleness()
    {
        _meters.RecordObservableInstruments();
        _staleness.Add(_latestStaleness);
        return _latestStaleness;
    }

    public void Dispose()
    {
        _meters.Dispose();
        _activities.Dispose();
    }

    private void Measured(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        switch (instrument.Name)
        {
            case "platelet.ingestion.latency":
                // Recorded inside the write's span, which names the twin.
                var twin = Activity.Current?.GetTagItem(TwinTag) as string;
                _latency[LabOf(twin)].Add(value * 1000);
                break;
            case "platelet.ingestion.staleness":
                _latestStaleness = value;
                break;
            default:
                if (Tag(tags, "http.route") == "/api/telemetry" && Tag(tags, "http.request.method") == "POST")
                {
                    _intake.Add(value * 1000);
                }
                break;
        }
    }

    private string LabOf(string? twin)
    {
        if (twin is not null)
        {
            foreach (var lab in _labs)
            {
                if (twin.Length > lab.Length && twin[lab.Length] == '.' && twin.StartsWith(lab, StringComparison.Ordinal))
                {
                    return lab;
                }
            }
        }
        return Other;
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value as string;
            }
        }
        return null;
    }
}
