namespace PlateletTwins.Benchmarks;

/// <summary>Latencies (or any durations) of one load run, and the figures a benchmark prints from them; safe to add to from many threads.</summary>
internal sealed class LatencyRecorder
{
    private readonly List<double> _milliseconds = [];
    private readonly Lock _lock = new();

    public void Add(double milliseconds)
    {
        lock (_lock)
        {
            _milliseconds.Add(milliseconds);
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _milliseconds.Count;
            }
        }
    }

    public double Sum
    {
        get
        {
            lock (_lock)
            {
                return _milliseconds.Sum();
            }
        }
    }

    public double Max
    {
        get
        {
            lock (_lock)
            {
                return _milliseconds.Count == 0 ? double.NaN : _milliseconds.Max();
            }
        }
    }

    public double Percentile(double p)
    {
        double[] sorted;
        lock (_lock)
        {
            sorted = [.. _milliseconds.Order()];
        }
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
