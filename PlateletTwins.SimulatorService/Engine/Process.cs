namespace PlateletTwins.SimulatorService.Engine;

/// <summary>
/// A process in the SimPy style: a generator of events it waits for, resumed when each one is processed. The process
/// is itself an event, processed when its body ends, so others can wait for it. An interrupt resumes it at once, no
/// longer waiting for its target; the body sees it through <see cref="TryTakeInterrupt"/> after each yield.
/// </summary>
public sealed class Process : Event
{
    private readonly IEnumerator<Event> _body;
    private readonly Action<Event> _resume;
    private Interrupt? _interrupt;

    internal Process(Simulation simulation, IEnumerable<Event> body) : base(simulation)
    {
        _body = body.GetEnumerator();
        _resume = Resume;
        var start = new Event(simulation);
        start.AddCallback(_resume);
        start.Succeed(priority: Priorities.Urgent);
    }

    /// <summary>The event the process waits for now.</summary>
    public Event? Target { get; private set; }

    public bool IsAlive => !IsTriggered;

    /// <summary>Interrupts the process: it stops waiting for its target and resumes at once, at this instant.</summary>
    public void Interrupt(object? cause = null)
    {
        if (!IsAlive)
        {
            throw new InvalidOperationException("A process that has ended cannot be interrupted.");
        }
        var interruption = new Event(Simulation);
        interruption.AddCallback(_ =>
        {
            if (!IsAlive)
            {
                return;
            }
            Target?.RemoveCallback(_resume);
            Target = null;
            _interrupt = new Interrupt(cause);
            Resume(interruption);
        });
        interruption.Succeed(priority: Priorities.Urgent);
    }

    /// <summary>True, once, when the process was resumed by an interrupt rather than by its target.</summary>
    public bool TryTakeInterrupt(out Interrupt? interrupt)
    {
        interrupt = _interrupt;
        _interrupt = null;
        return interrupt is not null;
    }

    private void Resume(Event _)
    {
        var previous = Simulation.ActiveProcess;
        Simulation.ActiveProcess = this;
        try
        {
            while (true)
            {
                if (!_body.MoveNext())
                {
                    Target = null;
                    _body.Dispose();
                    Succeed();
                    return;
                }
                var next = _body.Current;
                if (next.IsProcessed)
                {
                    continue;
                }
                Target = next;
                next.AddCallback(_resume);
                return;
            }
        }
        finally
        {
            Simulation.ActiveProcess = previous;
        }
    }
}
