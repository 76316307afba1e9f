using PlateletTwins.SimulatorService.Engine;

namespace PlateletTwins.Tests.Simulator.Engine;

public sealed class SimulationTests
{
    [Fact]
    public void Events_fire_by_time_then_priority_then_insertion_order()
    {
        var sim = new Simulation();
        var fired = new List<string>();
        sim.Schedule(2, () => fired.Add("t2"));
        sim.Schedule(1, () => fired.Add("t1-a"));
        sim.Schedule(1, () => fired.Add("t1-b"));
        var urgent = sim.Event();
        urgent.AddCallback(_ => fired.Add("t0-urgent"));
        var normal = sim.Event();
        normal.AddCallback(_ => fired.Add("t0-normal"));
        normal.Succeed();
        urgent.Succeed(priority: Priorities.Urgent);

        sim.Run(10);

        Assert.Equal(["t0-urgent", "t0-normal", "t1-a", "t1-b", "t2"], fired);
        Assert.Equal(10, sim.Now);
    }

    [Fact]
    public void A_run_covers_a_half_open_interval()
    {
        var sim = new Simulation();
        var fired = new List<double>();
        foreach (var t in new[] { 0.0, 5, 10, 15 })
        {
            sim.Schedule(t, () => fired.Add(sim.Now));
        }
        sim.Run(10);
        Assert.Equal([0.0, 5], fired);
        sim.Run(20);
        Assert.Equal([0.0, 5, 10, 15], fired);
    }

    [Fact]
    public void The_end_of_an_instant_runs_once_after_all_its_events_and_may_add_more_at_the_same_instant()
    {
        var sim = new Simulation();
        var log = new List<string>();
        var added = false;
        sim.InstantEnded = () =>
        {
            log.Add($"end@{sim.Now}");
            if (!added)
            {
                added = true;
                sim.Schedule(0, () => log.Add($"late@{sim.Now}"));
            }
        };
        sim.Schedule(1, () => log.Add("a@1"));
        sim.Schedule(1, () => log.Add("b@1"));
        sim.Schedule(3, () => log.Add("c@3"));

        sim.Run(5);

        Assert.Equal(["a@1", "b@1", "end@1", "late@1", "end@1", "c@3", "end@3"], log);
    }

    [Fact]
    public void A_cancelled_event_does_nothing()
    {
        var sim = new Simulation();
        var fired = false;
        var e = sim.Schedule(1, () => fired = true);
        e.Cancel();
        sim.Run(2);
        Assert.False(fired);
    }

    [Fact]
    public void The_same_program_gives_the_same_event_count()
    {
        static long Run()
        {
            var sim = new Simulation();
            var store = new Store<int>(sim, 3);
            sim.Process(Producer(sim, store));
            sim.Process(Consumer(sim, store));
            sim.Run(1000);
            return sim.ProcessedEvents;
        }
        Assert.Equal(Run(), Run());
        Assert.True(Run() > 100);
    }

    private static IEnumerable<Event> Producer(Simulation sim, Store<int> store)
    {
        for (var i = 0; ; i++)
        {
            yield return sim.Timeout(1);
            yield return store.Put(i);
        }
    }

    private static IEnumerable<Event> Consumer(Simulation sim, Store<int> store)
    {
        while (true)
        {
            yield return store.Get();
            yield return sim.Timeout(2);
        }
    }
}
