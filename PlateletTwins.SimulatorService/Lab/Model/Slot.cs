using PlateletTwins.SimulatorService.Engine;

namespace PlateletTwins.SimulatorService.Lab.Model;

public enum SlotState
{
    Empty,
    Working,

    /// <summary>Work stopped by a failure, to resume or restart after repair.</summary>
    Paused,

    /// <summary>Done, waiting to leave.</summary>
    Finished,
}

/// <summary>A place in a device: one item, or a whole batch for batch devices.</summary>
public sealed class Slot
{
    public List<Item> Items { get; } = [];

    public SlotState State { get; set; }

    public Event? End { get; set; }

    public double EndTime { get; set; }

    public double Remaining { get; set; }

    /// <summary>What the lab does when this slot's work ends; made once per slot.</summary>
    public Action? OnEnd { get; set; }
}
