namespace PlateletTwins.SimulatorService.Engine;

/// <summary>
/// The simulation environment: the clock and the event calendar, an event-driven engine (why not processes: README.md
/// beside this file). Events at one instant fire in the order they were scheduled; after the last event of an instant,
/// before the clock moves on, <see cref="InstantEnded"/> runs.
/// </summary>
internal sealed class Simulation
{
    private readonly EventQueue _queue = new();
    private bool _instantHadEvents;

    public double Now { get; private set; }

    public long ProcessedEvents { get; private set; }

    /// <summary>Runs at the end of every instant that had events; it may schedule more events at the same instant.</summary>
    public Action? InstantEnded { get; set; }

    /// <summary>
    /// Runs before the clock moves on to the next instant, with that instant's time: for work between instants that is
    /// kept off the calendar (it is no event, and changes no event's order). It must not schedule events.
    /// </summary>
    public Action<double>? ClockAdvancing { get; set; }

    /// <summary>Calls <paramref name="action"/> after <paramref name="delay"/>; cancel the returned event to call it off. An action kept by the caller allocates nothing more than the event.</summary>
    public Event Schedule(double delay, Action action)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delay);
        var e = new Event(action);
        _queue.Push(Now + delay, e);
        return e;
    }

    /// <summary>Runs every event before <paramref name="until"/> (an event at exactly that time does not happen), then sets the clock to it.</summary>
    public void Run(double until)
    {
        while (true)
        {
            if (_instantHadEvents && (_queue.Count == 0 || _queue.PeekTime > Now))
            {
                _instantHadEvents = false;
                InstantEnded?.Invoke();
                continue;
            }
            if (_queue.Count == 0 || _queue.PeekTime >= until)
            {
                break;
            }
            if (ClockAdvancing is { } advancing && _queue.PeekTime > Now)
            {
                advancing(_queue.PeekTime);
            }
            var e = _queue.Pop(out var time);
            Now = time;
            _instantHadEvents = true;
            ProcessedEvents++;
            e.Fire();
        }
        Now = Math.Max(Now, until);
    }

    /// <summary>The time of the next event, or +∞ when there is none.</summary>
    public double PeekTime => _queue.Count == 0 ? double.PositiveInfinity : _queue.PeekTime;
}
