using PlateletTwins.SimulatorService.Engine;

namespace PlateletTwins.Tests.Simulator.Engine;

public sealed class SimulationTests
{
    [Fact]
    public void Events_fire_by_time_then_in_the_order_they_were_scheduled()
    {
        var sim = new Simulation();
        var fired = new List<string>();
        sim.Schedule(2, () => fired.Add("t2"));
        sim.Schedule(1, () => fired.Add("t1-a"));
        sim.Schedule(0, () =>
        {
            fired.Add("t0-a");
            // Scheduled later for the same instant: after what was already there.
            sim.Schedule(1, () => fired.Add("t1-c"));
        });
        sim.Schedule(1, () => fired.Add("t1-b"));
        sim.Schedule(0, () => fired.Add("t0-b"));

        sim.Run(10);

        Assert.Equal(["t0-a", "t0-b", "t1-a", "t1-b", "t1-c", "t2"], fired);
        Assert.Equal(10, sim.Now);
    }

    [Fact]
    public void An_event_cannot_be_scheduled_in_the_past()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Simulation().Schedule(-1, () => { }));
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
    public void The_same_program_gives_the_same_events_at_the_same_times()
    {
        // Arrivals and services of a single server, drawn from seeded streams; each run records when every event fired.
        static List<double> Run()
        {
            var sim = new Simulation();
            var streams = new PlateletTwins.SimulatorService.Randomness.RandomStreams(5);
            var arrivals = streams.For("arrivals");
            var service = streams.For("service");
            var times = new List<double>();
            var waiting = 0;
            var busy = false;
            Action? depart = null;
            depart = () =>
            {
                times.Add(sim.Now);
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
                times.Add(sim.Now);
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
            sim.Run(1000);
            Assert.Equal(times.Count, sim.ProcessedEvents);
            return times;
        }
        var first = Run();
        Assert.True(first.Count > 1000);
        Assert.Equal(first, Run());
    }
}
