namespace PlateletTwins.SimulatorService.Engine;

/// <summary>An event that happens when all (<see cref="AllOf"/>) or any (<see cref="AnyOf"/>) of several events have.</summary>
public class Condition : Event
{
    private readonly IReadOnlyList<Event> _events;
    private readonly bool _all;
    private int _processed;

    internal Condition(Simulation simulation, IReadOnlyList<Event> events, bool all) : base(simulation)
    {
        _events = events;
        _all = all;
        foreach (var e in events)
        {
            if (e.IsProcessed)
            {
                _processed++;
            }
            else
            {
                e.AddCallback(Check);
            }
        }
        Evaluate();
    }

    private void Check(Event _)
    {
        _processed++;
        Evaluate();
    }

    private void Evaluate()
    {
        if (IsTriggered)
        {
            return;
        }
        if (_all ? _processed == _events.Count : _processed > 0 || _events.Count == 0)
        {
            Succeed(this);
        }
    }
}

public sealed class AllOf : Condition
{
    internal AllOf(Simulation simulation, IReadOnlyList<Event> events) : base(simulation, events, all: true)
    {
    }
}

public sealed class AnyOf : Condition
{
    internal AnyOf(Simulation simulation, IReadOnlyList<Event> events) : base(simulation, events, all: false)
    {
    }
}
