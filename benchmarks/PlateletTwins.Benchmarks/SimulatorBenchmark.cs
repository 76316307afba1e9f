using System.Diagnostics;
using System.Globalization;
using PlateletTwins.SimulatorService.Engine;
using PlateletTwins.SimulatorService.Lab.Configuration;
using PlateletTwins.SimulatorService.Lab.Model;
using PlateletTwins.SimulatorService.Lab.Running;
using PlateletTwins.SimulatorService.Randomness;
using PlateletTwins.SimulatorService.Streaming;

namespace PlateletTwins.Benchmarks;

/// <summary>The figures of the simulator issue: engine events per second on M/M/1, and the lab's run times and memory.</summary>
internal static class SimulatorBenchmark
{
    public static void Run()
    {
        Console.WriteLine($"Simulator benchmark: {Environment.ProcessorCount} cores");
        MM1();
        Lab();
    }

    /// <summary>An M/M/1 queue on the engine's calendar as the lab uses it: an arrival and a departure, each a kept callback.</summary>
    private static void MM1()
    {
        static (long Events, double Seconds) Once(double until)
        {
            var sim = new Simulation();
            var streams = new RandomStreams(42);
            var arrivals = streams.For("arrivals");
            var service = streams.For("service");
            var waiting = 0;
            var busy = false;
            Action? depart = null;
            depart = () =>
            {
                busy = waiting > 0;
                if (busy)
                {
                    waiting--;
                    sim.Schedule(service.Exponential(0.9), depart!);
                }
            };
            Action? arrive = null;
            arrive = () =>
            {
                sim.Schedule(arrivals.Exponential(1.0), arrive!);
                if (busy)
                {
                    waiting++;
                }
                else
                {
                    busy = true;
                    sim.Schedule(service.Exponential(0.9), depart);
                }
            };
            sim.Schedule(0, arrive);
            var clock = Stopwatch.StartNew();
            sim.Run(until);
            return (sim.ProcessedEvents, clock.Elapsed.TotalSeconds);
        }
        Once(100_000);
        var (events, seconds) = Once(5_000_000);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  engine, M/M/1 (ρ = 0.9), scheduled callbacks: {events:N0} events in {seconds:0.000} s = {events / seconds / 1e6:0.00} M events/s  (target ≥ 5 M/s; SimSharp ≈ 3.5 M/s with processes)"));
    }

    /// <summary>
    /// A simulated year with every pool followed and its twin's messages made as the streamer makes them (createTwin,
    /// relationship puts and deletes, updates), dropped once counted: the cost of pools over the lab's own run.
    /// </summary>
    private static void Pools(LabConfig lab, double withoutPools)
    {
        static double Time(Action action)
        {
            var clock = Stopwatch.StartNew();
            action();
            return clock.Elapsed.TotalSeconds;
        }

        // Followed, their records kept as simulate --pools keeps them, no message made.
        var recorded = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var records = new List<PoolRecord>();
            recorded.Add(Time(() => new LabModel(lab, (ulong)(7 + i), pools: new PoolTracking(step =>
            {
                if (step.Kind == PoolStepKind.Started)
                {
                    records.Add(step.Pool);
                }
            })).RunUntil(365 * 24 * 60)));
        }
        recorded.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  lab, a simulated year with every pool's record (median of 3): {recorded[1]:0.000} s (from {recorded[0]:0.000} to {recorded[^1]:0.000}; {recorded[1] / withoutPools:0.0}× the year without pools)"));

        var years = new List<double>();
        (long Pools, long Updates, long Changes, long Deleted) counts = default;
        for (var i = 0; i < 3; i++)
        {
            var produced = new List<Outgoing>();
            var messages = new PoolMessages("run-benchmark", new LabTwins(lab), new DateTimeOffset(2026, 1, 1, 7, 0, 0, TimeSpan.Zero), TimeProvider.System);
            var deleted = 0L;
            var clock = Stopwatch.StartNew();
            var model = new LabModel(lab, (ulong)(7 + i), pools: new PoolTracking(step =>
            {
                messages.Append(step, produced);
                deleted += step.Kind == PoolStepKind.Deleted ? 1 : 0;
                produced.Clear();
            }));
            model.RunUntil(365 * 24 * 60);
            years.Add(clock.Elapsed.TotalSeconds);
            counts = (model.Statistics.PoolsStarted, messages.Updates, messages.Changes, deleted);
        }
        years.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  lab, a simulated year with pools as twins (median of 3): {years[1]:0.000} s (from {years[0]:0.000} to {years[^1]:0.000}; {years[1] / withoutPools:0.0}× the year without pools); {counts.Pools:N0} pools, {counts.Changes:N0} changes and {counts.Updates:N0} updates made, {counts.Deleted:N0} twins deleted within the year (kept until expiry)"));
    }

    private static void Lab()
    {
        var lab = ReferenceLab.Create();
        static double Time(Action action)
        {
            var clock = Stopwatch.StartNew();
            action();
            return clock.Elapsed.TotalSeconds;
        }
        for (var i = 0; i < 20; i++)
        {
            new LabModel(lab, (ulong)i).RunUntil(36 * 60);
        }
        var runs = 50;
        var day = Time(() =>
        {
            for (var i = 0; i < runs; i++)
            {
                new LabModel(lab, (ulong)(100 + i)).RunUntil(36 * 60);
            }
        }) / runs;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  lab, 36 h once warm: {day * 1000:0.00} ms  (target < 5 ms)"));

        // Five simulated years, each with its own seed; the median is the figure, the spread shows the machine's noise.
        GC.Collect();
        var before = GC.GetTotalMemory(true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var collectionsBefore = GC.CollectionCount(0);
        LabModel? yearModel = null;
        var years = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            years.Add(Time(() =>
            {
                yearModel = new LabModel(lab, (ulong)(7 + i));
                yearModel.RunUntil(365 * 24 * 60);
            }));
        }
        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / years.Count;
        var collections = (GC.CollectionCount(0) - collectionsBefore) / years.Count;
        var heapAfterYear = GC.GetTotalMemory(true) - before;
        years.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  lab, a simulated year (median of 5): {years[2]:0.000} s (from {years[0]:0.000} to {years[^1]:0.000}), {yearModel!.ProcessedEvents:N0} events, {yearModel.Statistics.PoolsReleased:N0} pools released; per year {allocated / 1024.0 / 1024.0:N0} MB allocated, {collections} gen-0 collections; heap held after {heapAfterYear / 1024.0 / 1024.0:0.0} MB  (target < 0.2 s)"));

        Pools(lab, years[2]);

        var replications = Time(() => ReplicationRunner.Run(new RunOptions { Hours = 36, Seed = 1, Replications = 30 }));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  lab, 30 replications of 36 h on {Environment.ProcessorCount} cores: {replications:0.000} s  (target < 0.5 s)"));
    }
}
