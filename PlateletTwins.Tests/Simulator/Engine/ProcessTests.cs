using PlateletTwins.SimulatorService.Engine;

namespace PlateletTwins.Tests.Simulator.Engine;

public sealed class ProcessTests
{
    [Fact]
    public void A_process_waits_for_its_timeouts_and_is_itself_an_event_others_wait_for()
    {
        var sim = new Simulation();
        var log = new List<string>();
        IEnumerable<Event> Worker()
        {
            yield return sim.Timeout(3);
            log.Add($"worked@{sim.Now}");
        }
        IEnumerable<Event> Boss(Process worker)
        {
            yield return worker;
            log.Add($"noticed@{sim.Now}");
        }
        var worker = sim.Process(Worker());
        sim.Process(Boss(worker));
        sim.Run(10);
        Assert.Equal(["worked@3", "noticed@3"], log);
    }

    [Fact]
    public void An_interrupt_resumes_the_process_at_once_and_its_old_target_no_longer_wakes_it()
    {
        var sim = new Simulation();
        var log = new List<string>();
        Process? machine = null;
        IEnumerable<Event> Machine()
        {
            var job = sim.Timeout(10);
            yield return job;
            if (machine!.TryTakeInterrupt(out var interrupt))
            {
                log.Add($"interrupted@{sim.Now} by {interrupt!.Cause}");
                yield return sim.Timeout(5);
                log.Add($"repaired@{sim.Now}");
            }
            else
            {
                log.Add($"done@{sim.Now}");
            }
        }
        machine = sim.Process(Machine());
        sim.Schedule(4, () => machine.Interrupt("failure"));
        sim.Run(30);
        Assert.Equal(["interrupted@4 by failure", "repaired@9"], log);
    }

    [Fact]
    public void AllOf_waits_for_every_event_and_AnyOf_for_the_first()
    {
        var sim = new Simulation();
        var log = new List<string>();
        IEnumerable<Event> Waiter()
        {
            yield return sim.AnyOf(sim.Timeout(5), sim.Timeout(2));
            log.Add($"any@{sim.Now}");
            yield return sim.AllOf(sim.Timeout(5), sim.Timeout(2));
            log.Add($"all@{sim.Now}");
        }
        sim.Process(Waiter());
        sim.Run(20);
        Assert.Equal(["any@2", "all@7"], log);
    }
}
