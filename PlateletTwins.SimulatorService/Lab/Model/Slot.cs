using PlateletTwins.SimulatorService.Engine;

namespace PlateletTwins.SimulatorService.Lab.Model;

internal enum SlotState
{
    Empty,
    Working,

    /// <summary>Work stopped by a failure, to resume or restart after repair.</summary>
    Paused,

    /// <summary>Done, waiting to leave.</summary>
    Finished,
}

/// <summary>A place in a device: one item, or a whole batch for batch devices. Its device moves it from state to state.</summary>
internal sealed class Slot
{
    public List<Item> Items { get; } = [];

    public SlotState State { get; private set; }

    /// <summary>The end of its work on the calendar, while it works.</summary>
    public Event? End { get; private set; }

    public double EndTime { get; private set; }

    /// <summary>The work left when a failure paused it.</summary>
    public double Remaining { get; private set; }

    /// <summary>What the lab does when this slot's work ends; made once per slot, as the lab is built.</summary>
    public Action? OnEnd { get; set; }

    internal void MoveTo(SlotState state) => State = state;

    internal void Begin(Event end, double endTime)
    {
        End = end;
        EndTime = endTime;
    }

    internal void Ended() => End = null;

    /// <summary>Its work stops before its end: the end is called off, and what was left of it kept.</summary>
    internal void Stop(double now)
    {
        End!.Cancel();
        End = null;
        Remaining = EndTime - now;
    }
}
