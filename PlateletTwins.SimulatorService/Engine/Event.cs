namespace PlateletTwins.SimulatorService.Engine;

/// <summary>A call on the calendar at an instant of simulated time. A cancelled event stays on the calendar and does nothing when its time comes.</summary>
internal sealed class Event
{
    private readonly Action _action;

    internal Event(Action action) => _action = action;

    public bool IsCancelled { get; private set; }

    public void Cancel() => IsCancelled = true;

    internal void Fire()
    {
        if (!IsCancelled)
        {
            _action();
        }
    }
}
