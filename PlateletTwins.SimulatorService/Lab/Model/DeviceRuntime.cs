using PlateletTwins.SimulatorService.Devices;
using PlateletTwins.SimulatorService.Engine;
using PlateletTwins.SimulatorService.Lab.Configuration;
using PlateletTwins.SimulatorService.Randomness;

namespace PlateletTwins.SimulatorService.Lab.Model;

/// <summary>
/// A device during a run: its slots, its failure clock, its statistics. The lab changes it only through what happens
/// to a device (work starts or ends, a slot empties, it fails, it is repaired); each of those marks it changed in
/// this instant, and at the instant's end it records its state and, when that differs, makes its update.
/// </summary>
internal sealed class DeviceRuntime
{
    // A hair of tolerance for busy time summed along a different path than the failure check's schedule.
    private const double Epsilon = 1e-9;

    private (DeviceStatus Status, int InUse, int QueueLength)? _lastRecorded;
    private long _sequence;
    // Busy (or, for storage, calendar) time from the last repair to the next failure; +∞ for a device that never fails.
    private double _timeToFailure;
    // Busy time run up towards _timeToFailure before the current busy spell.
    private double _busyAccumulated;
    // When the current busy spell began; NaN when the device is not running.
    private double _busySince = double.NaN;

    public DeviceRuntime(DeviceConfig config, RandomStreams streams)
    {
        Config = config;
        var slotCount = config.Role == DeviceRole.Batch ? 1 : config.Capacity;
        Slots = [.. Enumerable.Range(0, slotCount).Select(_ => new Slot())];
        EmptySlots = slotCount;
        CycleTimes = streams.For($"{config.Id}/cycle");
        FailureTimes = streams.For($"{config.Id}/failure");
        RepairTimes = streams.For($"{config.Id}/repair");
        _timeToFailure = config.TimeToFailure?.Sample(FailureTimes) ?? double.PositiveInfinity;
        // Every device reports its first state at the end of the first instant.
        ChangedThisInstant = true;
    }

    public DeviceConfig Config { get; }

    public string Id => Config.Id;

    public Slot[] Slots { get; }

    public Sampler CycleTimes { get; }

    public Sampler FailureTimes { get; }

    public Sampler RepairTimes { get; }

    public LabBuffer? Input { get; private set; }

    /// <summary>Where finished items go: a buffer, or a device by direct hand-off; neither when they are released.</summary>
    public LabBuffer? OutputBuffer { get; private set; }

    public DeviceRuntime? OutputDevice { get; private set; }

    /// <summary>Items handed over directly by the upstream device, waiting for a free slot here.</summary>
    public List<Transfer> Incoming { get; } = [];

    public bool Failed { get; private set; }

    public double FailedSince { get; private set; }

    /// <summary>The one check of the failure clock on the calendar, if any.</summary>
    public Event? FailureCheck { get; private set; }

    /// <summary>Since when the device has been able to take work; the one ready longest takes from a shared buffer.</summary>
    public double ReadySince { get; private set; }

    public DeviceStatistics Statistics { get; } = new();

    /// <summary>Something about the device may have changed in this instant.</summary>
    public bool ChangedThisInstant { get; private set; }

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

    /// <summary>Whether its failure clock runs now: while it processes (storage: always), never while failed.</summary>
    private bool Running => !Failed && (Config.Role == DeviceRole.Storage || Status == DeviceStatus.Processing);

    /// <summary>Where the device takes its work from and where its finished items go; set once, as the lab is built.</summary>
    public void Connect(LabBuffer? input, LabBuffer? outputBuffer, DeviceRuntime? outputDevice)
    {
        Input = input;
        OutputBuffer = outputBuffer;
        OutputDevice = outputDevice;
    }

    public void MarkChanged() => ChangedThisInstant = true;

    /// <summary>A slot starts work on what it holds, to end with <paramref name="end"/> at <paramref name="endTime"/>.</summary>
    public void StartWork(Slot slot, Event end, double endTime)
    {
        SetState(slot, SlotState.Working);
        slot.Begin(end, endTime);
        MarkChanged();
    }

    /// <summary>A slot's work ended; what it holds waits to leave (or leaves at once: <see cref="Vacate"/>).</summary>
    public void EndWork(Slot slot)
    {
        slot.Ended();
        MarkChanged();
    }

    /// <summary>A slot's work is done and what it holds waits to leave.</summary>
    public void Finish(Slot slot) => SetState(slot, SlotState.Finished);

    public void AddItem(Slot slot, Item item)
    {
        slot.Items.Add(item);
        InUse++;
    }

    /// <summary>An item leaves its slot for the next stage.</summary>
    public void RemoveItem(Slot slot, Item item)
    {
        if (slot.Items.Remove(item))
        {
            InUse--;
        }
        MarkChanged();
    }

    public void ClearItems(Slot slot)
    {
        InUse -= slot.Items.Count;
        slot.Items.Clear();
    }

    /// <summary>A slot is empty again: a device that had no room is ready for work from now, and its input is looked at again.</summary>
    public void Vacate(Slot slot, double now)
    {
        var hadRoom = HasFreeSlot;
        SetState(slot, SlotState.Empty);
        if (!hadRoom && !Failed)
        {
            ReadySince = now;
        }
        Input?.MarkChanged();
    }

    /// <summary>
    /// Starts or stops the failure clock by whether the device runs at the end of this instant; true when a clock that
    /// started needs its check on the calendar (<see cref="BusyTimeToFailure"/> from now).
    /// </summary>
    public bool FollowFailureClock(double now)
    {
        var running = Running;
        var wasRunning = FailureClockRunning;
        if (running && !wasRunning)
        {
            _busySince = now;
            return FailureCheck is null && double.IsFinite(_timeToFailure);
        }
        if (!running && wasRunning)
        {
            _busyAccumulated += now - _busySince;
            _busySince = double.NaN;
        }
        return false;
    }

    /// <summary>The busy time left, from <paramref name="now"/>, until the device fails.</summary>
    public double BusyTimeToFailure(double now) => Math.Max(0, _timeToFailure - _busyAccumulated - (now - _busySince));

    public void AwaitFailureCheck(Event check) => FailureCheck = check;

    /// <summary>The failure clock's check has come off the calendar.</summary>
    public void FailureCheckCame() => FailureCheck = null;

    /// <summary>The failure clock runs: the device is busy (storage: holding) and not failed.</summary>
    public bool FailureClockRunning => !double.IsNaN(_busySince);

    /// <summary>Whether the busy time run up by <paramref name="now"/> reaches the time to failure.</summary>
    public bool FailureDue(double now) => _busyAccumulated + (now - _busySince) + Epsilon >= _timeToFailure;

    /// <summary>The device fails: its clock stops and it counts the failure; its slots are the lab's to scrap or pause (<see cref="Pause"/>).</summary>
    public void Fail(double now)
    {
        _busySince = double.NaN;
        Failed = true;
        FailedSince = now;
        Statistics.Failures++;
        MarkChanged();
    }

    /// <summary>A failure stops a slot's work, to resume or restart after repair.</summary>
    public void Pause(Slot slot, double now)
    {
        slot.Stop(now);
        SetState(slot, SlotState.Paused);
    }

    /// <summary>A failure scraps what a slot holds, which leaves the device at once.</summary>
    public void Scrap(Slot slot, double now)
    {
        slot.Stop(now);
        ClearItems(slot);
        SetState(slot, SlotState.Empty);
    }

    /// <summary>
    /// The device is repaired: its downtime is counted, its failure clock starts again from a fresh draw, and with room
    /// it is ready for work from now and looks at its input again. Its paused slots are the lab's to start again.
    /// </summary>
    public void Repair(double now)
    {
        Failed = false;
        Statistics.DowntimeMinutes += now - FailedSince;
        _timeToFailure = Config.TimeToFailure!.Sample(FailureTimes);
        _busyAccumulated = 0;
        MarkChanged();
        if (HasFreeSlot)
        {
            ReadySince = now;
        }
        Input?.MarkChanged();
    }

    /// <summary>
    /// Records the device's state at the end of an instant in which it may have changed: true when its status, inUse
    /// or queue length differ from the last record, which its statistics then hold from <paramref name="now"/>.
    /// </summary>
    public bool RecordState(double now)
    {
        if (!ChangedThisInstant)
        {
            return false;
        }
        ChangedThisInstant = false;
        var state = (Status, InUse, QueueLength);
        if (_lastRecorded == state)
        {
            return false;
        }
        _lastRecorded = state;
        Statistics.Change(now, state.Status, state.InUse, state.QueueLength);
        return true;
    }

    /// <summary>The device's update for its state as last recorded, with the next number of its sequence.</summary>
    public DeviceUpdate Update(double now) => new(
        Id,
        _sequence++,
        now,
        Statistics.Status,
        Statistics.InUse,
        Statistics.QueueLength,
        Statistics.Utilization(now, Config.Capacity),
        Statistics.StatusMinutes(DeviceStatus.Idle, now),
        Statistics.StatusMinutes(DeviceStatus.Processing, now),
        Statistics.StatusMinutes(DeviceStatus.Blocked, now),
        Statistics.StatusMinutes(DeviceStatus.Failed, now),
        Statistics.Completed,
        Statistics.Failures);

    /// <summary>Changes a slot's state, keeping the device's counts (read at every instant) current.</summary>
    private void SetState(Slot slot, SlotState state)
    {
        Count(slot.State, -1);
        slot.MoveTo(state);
        Count(state, +1);
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
