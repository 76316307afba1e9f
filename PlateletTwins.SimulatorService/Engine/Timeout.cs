namespace PlateletTwins.SimulatorService.Engine;

/// <summary>An event that happens a delay after it is created.</summary>
public sealed class Timeout : Event
{
    public Timeout(Simulation simulation, double delay, object? value = null, int priority = Priorities.Normal) : base(simulation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delay);
        TriggerAt(delay, priority, value);
    }
}
