using PlateletTwins.SimulatorService.Devices;
using PlateletTwins.SimulatorService.Engine;
using PlateletTwins.SimulatorService.Lab.Configuration;
using PlateletTwins.SimulatorService.Randomness;

namespace PlateletTwins.SimulatorService.Lab.Model;

/// <summary>A device during a run: its slots, its failure clock, its statistics.</summary>
public sealed class DeviceRuntime
{
    public DeviceRuntime(DeviceConfig config, RandomStreams streams)
    {
        Config = config;
        var slotCount = config.Role == DeviceRole.Batch ? 1 : config.Capacity;
        Slots = [.. Enumerable.Range(0, slotCount).Select(_ => new Slot())];
        EmptySlots = slotCount;
        CycleTimes = streams.For($"{config.Id}/cycle");
        FailureTimes = streams.For($"{config.Id}/failure");
        RepairTimes = streams.For($"{config.Id}/repair");
        TimeToFailure = config.TimeToFailure?.Sample(FailureTimes) ?? double.PositiveInfinity;
    }

    public DeviceConfig Config { get; }

    public string Id => Config.Id;

    public Slot[] Slots { get; }

    public Sampler CycleTimes { get; }

    public Sampler FailureTimes { get; }

    public Sampler RepairTimes { get; }

    public LabBuffer? Input { get; set; }

    /// <summary>Where finished items go: a buffer, or a device by direct hand-off; neither when they are released.</summary>
    public LabBuffer? OutputBuffer { get; set; }

    public DeviceRuntime? OutputDevice { get; set; }

    /// <summary>Items handed over directly by the upstream device, waiting for a free slot here.</summary>
    public List<Transfer> Incoming { get; } = [];

    public bool Failed { get; set; }

    public double FailedSince { get; set; }

    /// <summary>Busy (or, for storage, calendar) time from the last repair to the next failure; +∞ for a device that never fails.</summary>
    public double TimeToFailure { get; set; }

    /// <summary>Busy time run up towards <see cref="TimeToFailure"/> before the current busy spell.</summary>
    public double BusyAccumulated { get; set; }

    /// <summary>When the current busy spell began; NaN when the device is not running.</summary>
    public double BusySince { get; set; } = double.NaN;

    /// <summary>The one check of the failure clock on the calendar, if any.</summary>
    public Event? FailureCheck { get; set; }

    /// <summary>Since when the device has been able to take work; the one ready longest takes from a shared buffer.</summary>
    public double ReadySince { get; set; }

    public DeviceStatistics Statistics { get; } = new();

    public (DeviceStatus Status, int InUse, int QueueLength)? LastSent { get; set; }

    public long Sequence { get; set; }

    /// <summary>Something about the device may have changed in this instant.</summary>
    public bool Touched { get; set; }

    /// <summary>Occupied places: items processing, paused, or finished and waiting to leave.</summary>
    public int InUse { get; private set; }

    public int QueueLength => Input?.Count ?? 0;

    public int WorkingSlots { get; private set; }

    public int FinishedSlots { get; private set; }

    public int EmptySlots { get; private set; }

    public bool HasFreeSlot => EmptySlots > 0;

    public bool IsEmpty => EmptySlots == Slots.Length;

    /// <summary>Failed &gt; Processing (a slot working) &gt; Blocked (a finished item that cannot leave) &gt; Idle.</summary>
    public DeviceStatus Status =>
        Failed ? DeviceStatus.Failed
        : WorkingSlots > 0 ? DeviceStatus.Processing
        : FinishedSlots > 0 ? DeviceStatus.Blocked
        : DeviceStatus.Idle;

    /// <summary>Changes a slot's state, keeping the device's counts (read at every instant) current.</summary>
    public void SetState(Slot slot, SlotState state)
    {
        Count(slot.State, -1);
        slot.State = state;
        Count(state, +1);
    }

    public void AddItem(Slot slot, Item item)
    {
        slot.Items.Add(item);
        InUse++;
    }

    public void RemoveItem(Slot slot, Item item)
    {
        if (slot.Items.Remove(item))
        {
            InUse--;
        }
    }

    public void ClearItems(Slot slot)
    {
        InUse -= slot.Items.Count;
        slot.Items.Clear();
    }

    private void Count(SlotState state, int delta)
    {
        switch (state)
        {
            case SlotState.Working:
                WorkingSlots += delta;
                break;
            case SlotState.Finished:
                FinishedSlots += delta;
                break;
            case SlotState.Empty:
                EmptySlots += delta;
                break;
        }
    }
}
