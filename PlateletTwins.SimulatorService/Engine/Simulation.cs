namespace PlateletTwins.SimulatorService.Engine;

/// <summary>
/// The simulation environment: the clock and the event calendar. Events at one instant fire in the order
/// (priority, insertion); after the last event of an instant, before the clock moves on, <see cref="InstantEnded"/> runs.
/// </summary>
public sealed class Simulation
{
    private readonly EventQueue _queue = new();
    private bool _instantHadEvents;

    public double Now { get; private set; }

    public long ProcessedEvents { get; private set; }

    /// <summary>The process being resumed, while it runs.</summary>
    public Process? ActiveProcess { get; internal set; }

    /// <summary>Runs at the end of every instant that had events; it may schedule more events at the same instant.</summary>
    public Action? InstantEnded { get; set; }

    /// <summary>
    /// Runs before the clock moves on to the next instant, with that instant's time: for work between instants that is
    /// kept off the calendar (it is no event, and changes no event's order). It must not schedule events.
    /// </summary>
    public Action<double>? ClockAdvancing { get; set; }

    public Event Event() => new(this);

    public Timeout Timeout(double delay, object? value = null) => new(this, delay, value);

    public Process Process(IEnumerable<Event> body) => new(this, body);

    public AllOf AllOf(params Event[] events) => new(this, events);

    public AnyOf AnyOf(params Event[] events) => new(this, events);

    /// <summary>Calls <paramref name="action"/> after <paramref name="delay"/>; cancel the returned event to call it off.</summary>
    public Event Schedule(double delay, Action action)
    {
        var e = new Timeout(this, delay);
        e.AddCallback(_ => action());
        return e;
    }

    /// <summary>Calls <paramref name="callback"/> after <paramref name="delay"/>; a callback kept by the caller allocates nothing more.</summary>
    public Event Schedule(double delay, Action<Event> callback)
    {
        var e = new Timeout(this, delay);
        e.AddCallback(callback);
        return e;
    }

    internal void Schedule(Event e, double delay, int priority) => _queue.Push(Now + delay, priority, e);

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
            e.Process();
        }
        Now = Math.Max(Now, until);
    }

    /// <summary>The time of the next event, or +∞ when there is none.</summary>
    public double PeekTime => _queue.Count == 0 ? double.PositiveInfinity : _queue.PeekTime;
}
