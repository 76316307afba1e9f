using PlateletTwins.SimulatorService.Devices;
using PlateletTwins.SimulatorService.Engine;
using PlateletTwins.SimulatorService.Lab.Configuration;
using PlateletTwins.SimulatorService.Randomness;

namespace PlateletTwins.SimulatorService.Lab.Model;

/// <summary>
/// The lab of a <see cref="LabConfig"/> on the engine's calendar. Timed events (deliveries, ends of work, failures,
/// repairs, wake-ups) change the lab; at the end of each instant the lab settles (finished items move on, free devices
/// take work, by the specification's rules) and every device whose state changed sends one update.
/// </summary>
internal sealed partial class LabModel
{
    private readonly LabConfig _config;
    private readonly Simulation _simulation = new();
    private readonly List<DeviceRuntime> _devices;
    private readonly Dictionary<string, DeviceRuntime> _devicesById;
    private readonly List<LabBuffer> _buffers;
    private readonly Dictionary<string, LabBuffer> _buffersById;
    private readonly LabBuffer[] _batchBuffers;
    private readonly Sampler _collection;
    private readonly Sampler _abo;
    private readonly Sampler _eligibility;
    private readonly double[] _aboWeights;
    private readonly Action<DeviceUpdate>? _updates;
    private readonly Action<DeviceEvent>? _events;
    private long _nextItemId;
    private int _unitNumber;

    public LabModel(LabConfig config, ulong seed, Action<DeviceUpdate>? updates = null, Action<DeviceEvent>? events = null, PoolTracking? pools = null)
    {
        _config = config;
        _updates = updates;
        _events = events;
        _pools = pools;
        var streams = new RandomStreams(seed);
        _collection = streams.For("arrivals/collection");
        _abo = streams.For("arrivals/abo");
        _eligibility = streams.For("arrivals/eligibility");
        _aboWeights = [.. config.AboShares.Select(a => a.Share)];
        _buffers = [.. config.Buffers.Select(b => new LabBuffer(b, config.AboShares.Count))];
        _buffersById = _buffers.ToDictionary(b => b.Id, StringComparer.Ordinal);
        _devices = [.. config.Devices.Select(d => new DeviceRuntime(d, streams))];
        _devicesById = _devices.ToDictionary(d => d.Id, StringComparer.Ordinal);
        foreach (var device in _devices)
        {
            foreach (var slot in device.Slots)
            {
                slot.OnEnd = () => WorkDone(device, slot);
            }
            device.Connect(
                device.Config.Input is { } input ? _buffersById[input] : null,
                _buffersById.GetValueOrDefault(device.Config.Output),
                _devicesById.GetValueOrDefault(device.Config.Output));
        }
        foreach (var buffer in _buffers)
        {
            buffer.Connect([.. _devices.Where(d => d.Input == buffer)]);
        }
        _batchBuffers = [.. _buffers.Where(b => b.BatchWait is not null)];
        _simulation.InstantEnded = EndInstant;
        if (pools is not null)
        {
            // Twins due for deletion between two instants go as the clock passes them.
            _simulation.ClockAdvancing = DeletePoolsBefore;
        }
        foreach (var delivery in config.Deliveries)
        {
            _simulation.Schedule(delivery.AtMinute, () => Deliver(delivery));
        }
    }

    public LabStatistics Statistics { get; } = new();

    public IReadOnlyList<DeviceRuntime> Devices => _devices;

    public double Now => _simulation.Now;

    public long ProcessedEvents => _simulation.ProcessedEvents;

    /// <summary>
    /// Runs the lab until <paramref name="minutes"/> (an event at exactly that time does not happen). The statistics
    /// change only with the lab and are read as of a time, so a run in many steps (a streamed one) holds the same bits
    /// as a run in one.
    /// </summary>
    public void RunUntil(double minutes)
    {
        _simulation.Run(minutes);
        if (_pools is not null)
        {
            DeletePoolsBefore(minutes);
        }
    }

    /// <summary>The time of the next event, for a caller that paces the run (pool twins due for deletion: <see cref="NextPoolDeletion"/>).</summary>
    public double NextEventTime => _simulation.PeekTime;

    private double Time => _simulation.Now;

    private void Deliver(DeliveryConfig delivery)
    {
        _simulation.Schedule(24 * 60, () => Deliver(delivery));
        var buffer = _buffersById[delivery.Buffer ?? _config.ArrivalBuffer];
        var collected = new double[delivery.Count];
        for (var i = 0; i < collected.Length; i++)
        {
            collected[i] = Time - _collection.Uniform(delivery.CollectedMinMinutesBefore, delivery.CollectedMaxMinutesBefore);
        }
        // A delivery enters the hold oldest collection first; ids follow that order.
        Array.Sort(collected);
        foreach (var collectionTime in collected)
        {
            var unit = new WholeBloodUnit(++_nextItemId, collectionTime, _abo.Choose(_aboWeights), _eligibility.Uniform() < _config.EligibleShare, ++_unitNumber);
            Statistics.WbReceived++;
            Statistics.WholeBlood.Change(Time, +1);
            buffer.Offer(new Transfer(unit, null, null));
        }
        buffer.MarkChanged();
    }

    private void EndInstant()
    {
        Settle();
        ArmFailures();
        ScheduleBatchWakes();
        SendUpdates();
        if (_pools is not null)
        {
            // A retention of 0 deletes a pool's twin at the instant it ended, after the instant's other changes.
            DeletePoolsBefore(Math.BitIncrement(Time));
        }
    }

    private void SendUpdates()
    {
        // In device order, so that the same seed gives the same stream of updates.
        foreach (var device in _devices)
        {
            if (device.RecordState(Time))
            {
                _updates?.Invoke(device.Update(Time));
            }
        }
    }
}
