using System.Diagnostics;

namespace PlateletTwins.Benchmarks;

/// <summary>A closed-loop load: <c>connections</c> workers, each sending its next request when the last one answered, for a fixed time.</summary>
public static class LoadGenerator
{
    public sealed record Result(int Requests, int Failures, double Seconds, LatencyRecorder Latencies)
    {
        public double PerSecond => Requests / Seconds;
    }

    public static async Task<Result> RunAsync(int connections, TimeSpan duration, Func<int, long, Task<bool>> request)
    {
        var latencies = new LatencyRecorder();
        var failures = 0;
        var requests = 0;
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
                if (!ok)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });
        await Task.WhenAll(workers);
        return new Result(requests, failures, stopwatch.Elapsed.TotalSeconds, latencies);
    }
}
