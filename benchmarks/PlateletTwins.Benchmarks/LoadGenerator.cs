using System.Diagnostics;

namespace PlateletTwins.Benchmarks;

/// <summary>A closed-loop load: <c>connections</c> workers, each sending its next request when the last one answered, for a fixed time.</summary>
internal static class LoadGenerator
{
    /// <summary>The garbage collector's work during the run: collections of each generation, and the time it paused the process.</summary>
    public sealed record GcWork(int Gen0, int Gen1, int Gen2, TimeSpan Paused)
    {
        public static GcWork Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

        public GcWork Since(GcWork start) => new(Gen0 - start.Gen0, Gen1 - start.Gen1, Gen2 - start.Gen2, Paused - start.Paused);

        public override string ToString() => $"GC {Gen0}/{Gen1}/{Gen2} (gen 0/1/2), paused {Paused.TotalMilliseconds:0} ms";
    }

    /// <param name="PerSecondCounts">The requests answered in each whole second of the run, to show a warm-up or a decline.</param>
    public sealed record Result(int Requests, int Failures, double Seconds, LatencyRecorder Latencies, IReadOnlyList<int> PerSecondCounts, GcWork Gc)
    {
        public double PerSecond => Requests / Seconds;
    }

    public static async Task<Result> RunAsync(int connections, TimeSpan duration, Func<int, long, Task<bool>> request)
    {
        var latencies = new LatencyRecorder();
        var failures = 0;
        var requests = 0;
        var perSecond = new int[(int)Math.Ceiling(duration.TotalSeconds) + 1];
        var gc = GcWork.Now();
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections).Select(async worker =>
        {
            long n = 0;
            while (stopwatch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await request(worker, n++);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref requests);
                Interlocked.Increment(ref perSecond[Math.Min(perSecond.Length - 1, (int)stopwatch.Elapsed.TotalSeconds)]);
                if (!ok)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });
        await Task.WhenAll(workers);
        return new Result(requests, failures, stopwatch.Elapsed.TotalSeconds, latencies, perSecond[..^1], GcWork.Now().Since(gc));
    }
}
