namespace PlateletTwins.SimulatorService.Engine;

/// <summary>
/// Something that happens at an instant of simulated time. It is triggered (given a value and put on the calendar),
/// then processed (its callbacks run). Processes wait for events; conditions combine them.
/// </summary>
public class Event(Simulation simulation)
{
    private Action<Event>? _callback;
    private List<Action<Event>>? _moreCallbacks;

    public Simulation Simulation { get; } = simulation;

    public bool IsTriggered { get; private set; }

    public bool IsProcessed { get; private set; }

    /// <summary>A cancelled event stays on the calendar but does nothing when its time comes.</summary>
    public bool IsCancelled { get; private set; }

    public object? Value { get; private set; }

    /// <summary>Triggers the event now, with <paramref name="value"/>.</summary>
    public Event Succeed(object? value = null, int priority = Priorities.Normal)
    {
        if (IsTriggered)
        {
            throw new InvalidOperationException("The event has already been triggered.");
        }
        IsTriggered = true;
        Value = value;
        Simulation.Schedule(this, 0, priority);
        return this;
    }

    internal void TriggerAt(double delay, int priority, object? value = null)
    {
        IsTriggered = true;
        Value = value;
        Simulation.Schedule(this, delay, priority);
    }

    public void Cancel() => IsCancelled = true;

    public void AddCallback(Action<Event> callback)
    {
        if (IsProcessed)
        {
            throw new InvalidOperationException("The event has already been processed.");
        }
        if (_callback is null)
        {
            _callback = callback;
        }
        else
        {
            (_moreCallbacks ??= []).Add(callback);
        }
    }

    public bool RemoveCallback(Action<Event> callback)
    {
        if (_callback == callback)
        {
            _callback = null;
            if (_moreCallbacks is { Count: > 0 })
            {
                _callback = _moreCallbacks[0];
                _moreCallbacks.RemoveAt(0);
            }
            return true;
        }
        return _moreCallbacks?.Remove(callback) ?? false;
    }

    internal void Process()
    {
        IsProcessed = true;
        if (IsCancelled)
        {
            return;
        }
        var first = _callback;
        var more = _moreCallbacks;
        _callback = null;
        _moreCallbacks = null;
        first?.Invoke(this);
        if (more is not null)
        {
            foreach (var callback in more)
            {
                callback(this);
            }
        }
    }
}

/// <summary>Priorities of events at one instant: urgent ones (interrupts) before normal ones.</summary>
public static class Priorities
{
    public const int Urgent = 0;
    public const int Normal = 1;
}
