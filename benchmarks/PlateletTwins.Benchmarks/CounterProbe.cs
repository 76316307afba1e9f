using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace PlateletTwins.Benchmarks;

/// <summary>Sums a counter of the services in this process, and by the value of one of its tags when given one.</summary>
internal sealed class CounterProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _byTag = new(StringComparer.Ordinal);
    private long _total;

    public CounterProbe(string instrument, string? tag = null)
    {
        _listener.InstrumentPublished = (i, l) =>
        {
            if (i.Name == instrument)
            {
                l.EnableMeasurementEvents(i);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            Interlocked.Add(ref _total, value);
            if (tag is null)
            {
                return;
            }
            var label = "(none)";
            foreach (var pair in tags)
            {
                if (pair.Key == tag)
                {
                    label = pair.Value?.ToString() ?? "(none)";
                }
            }
            _byTag.AddOrUpdate(label, value, (_, sum) => sum + value);
        });
        _listener.Start();
    }

    public long Total => Interlocked.Read(ref _total);

    /// <summary>The sums by the tag's value; empty without a tag.</summary>
    public IReadOnlyDictionary<string, long> ByTag => new SortedDictionary<string, long>(_byTag, StringComparer.Ordinal);

    public void Dispose() => _listener.Dispose();
}
