using PlateletTwins.SimulatorService.Devices;
using PlateletTwins.SimulatorService.Lab.Configuration;

namespace PlateletTwins.SimulatorService.Lab.Model;

/// <summary>How items move: into buffers, from device to device, and into free devices.</summary>
internal sealed partial class LabModel
{
    private const string Released = LabConfig.Released;

    // A hair of tolerance for times computed along different paths (a wait's end or a rest's vs. the clock).
    private const double Epsilon = 1e-9;

    /// <summary>
    /// Moves everything that can move at this instant, until nothing more can (a fixed point): finished items enter
    /// buffers with room, direct hand-offs take free slots, and the consumers of every changed buffer take work. Each
    /// move can free room or a slot for another, so the three passes repeat until one moves nothing.
    /// </summary>
    private void Settle()
    {
        bool changed;
        do
        {
            changed = false;
            foreach (var buffer in _buffers)
            {
                changed |= buffer.Pending.Count > 0 && Fill(buffer);
            }
            foreach (var device in _devices)
            {
                changed |= device.Incoming.Count > 0 && HandOver(device);
            }
            foreach (var buffer in _buffers)
            {
                changed |= buffer.TakeChanged() && Dispatch(buffer);
            }
        }
        while (changed);
    }

    /// <summary>Finished items enter a buffer with room in the order they finished; a failed producer's items wait.</summary>
    private bool Fill(LabBuffer buffer)
    {
        var moved = false;
        for (var i = 0; i < buffer.Pending.Count && buffer.HasRoom; i++)
        {
            var transfer = buffer.Pending[i];
            if (transfer.From?.Failed == true)
            {
                continue;
            }
            buffer.Pending.RemoveAt(i--);
            Leave(transfer);
            buffer.Add(transfer.Item, Time);
            HandToConsumer(transfer.Item, buffer);
            buffer.MarkChanged();
            TouchConsumers(buffer);
            moved = true;
        }
        return moved;
    }

    /// <summary>A direct hand-off: the upstream device's finished item takes a free slot here and starts at once.</summary>
    private bool HandOver(DeviceRuntime device)
    {
        var moved = false;
        for (var i = 0; i < device.Incoming.Count && !device.Failed && device.HasFreeSlot; i++)
        {
            var transfer = device.Incoming[i];
            if (transfer.From?.Failed == true)
            {
                continue;
            }
            device.Incoming.RemoveAt(i--);
            Leave(transfer);
            Start(device, FreeSlot(device), transfer.Item);
            moved = true;
        }
        return moved;
    }

    /// <summary>Free consumers of a buffer take work, the one ready longest first (ties: the lower id).</summary>
    private bool Dispatch(LabBuffer buffer)
    {
        var loaded = false;
        var consumers = buffer.Consumers;
        while (buffer.Count > 0)
        {
            DeviceRuntime? best = null;
            foreach (var candidate in consumers)
            {
                if (CanLoad(candidate, buffer) && (best is null || candidate.ReadySince < best.ReadySince
                    || (candidate.ReadySince == best.ReadySince && string.CompareOrdinal(candidate.Id, best.Id) < 0)))
                {
                    best = candidate;
                }
            }
            if (best is null)
            {
                break;
            }
            Load(best, buffer);
            loaded = true;
        }
        return loaded;
    }

    private bool CanLoad(DeviceRuntime device, LabBuffer buffer)
    {
        if (device.Failed || !device.HasFreeSlot)
        {
            return false;
        }
        var config = device.Config;
        return config.Role switch
        {
            DeviceRole.Batch => device.IsEmpty
                && (buffer.Count >= config.EffectiveBatchSize
                    || (config.MaxWaitMinutes is { } wait && Time + Epsilon >= buffer.OldestEntry() + wait)),
            DeviceRole.SterileConnector => PoolGroup(buffer) >= 0,
            _ => true,
        };
    }

    private void Load(DeviceRuntime device, LabBuffer buffer)
    {
        TouchConsumers(buffer);
        switch (device.Config.Role)
        {
            case DeviceRole.Batch:
                var count = Math.Min(buffer.Count, device.Config.Capacity);
                var batch = new List<Item>(count);
                for (var i = 0; i < count; i++)
                {
                    batch.Add(buffer.TakeFirst());
                }
                Start(device, device.Slots[0], batch);
                break;
            case DeviceRole.Separator:
                while (buffer.Count > 0)
                {
                    var unit = (WholeBloodUnit)buffer.TakeFirst();
                    // Expired: discarded when a separator would take it, taking no separator time.
                    if (Time - unit.CollectionTime > _config.ExpiryMinutes)
                    {
                        Statistics.WbExpired++;
                        Statistics.WholeBlood.Change(Time, -1);
                        continue;
                    }
                    Start(device, FreeSlot(device), unit);
                    break;
                }
                break;
            case DeviceRole.SterileConnector:
                var coats = buffer.Coats(PoolGroup(buffer)).GetRange(0, _config.PoolSize);
                foreach (var coat in coats)
                {
                    buffer.Remove(coat);
                    Statistics.BcRest.Add(Time - coat.RestStart);
                    if (!IsRested(coat))
                    {
                        Statistics.PoolsWithShortRest++;
                    }
                }
                Statistics.PoolsStarted++;
                var pool = new Pool(++_nextItemId, coats.Min(c => c.CollectionTime), Time) { Record = NewPoolRecord(coats, coats[0].Abo) };
                Statistics.BuffyCoats.Change(Time, -coats.Count);
                Statistics.Pools.Change(Time, +1);
                Start(device, FreeSlot(device), pool);
                break;
            default:
                Start(device, FreeSlot(device), buffer.TakeFirst());
                break;
        }
        buffer.MarkChanged();
    }

    /// <summary>
    /// The group the sterile connector would pool: the ABO group whose oldest rested BC is oldest (ties in the
    /// configured group order) among those with enough rested BCs; -1 while no group has enough.
    /// </summary>
    private int PoolGroup(LabBuffer rack)
    {
        var chosen = -1;
        for (var group = 0; group < _config.AboShares.Count; group++)
        {
            // Each group is in rest order, so its rested coats come first: enough of them when the PoolSize-th one has rested.
            var coats = rack.Coats(group);
            if (coats.Count >= _config.PoolSize && IsRested(coats[_config.PoolSize - 1])
                // Ties on the oldest coat's rest go to the group listed first (O, A, B, AB).
                && (chosen < 0 || coats[0].RestStart < rack.Coats(chosen)[0].RestStart))
            {
                chosen = group;
            }
        }
        return chosen;
    }

    private bool IsRested(BuffyCoat coat) => Time + Epsilon >= coat.RestStart + _config.MinRestMinutes;

    private void Start(DeviceRuntime device, Slot slot, List<Item> items)
    {
        foreach (var item in items)
        {
            device.AddItem(slot, item);
        }
        if (_pools is not null)
        {
            HandTo(items, device);
        }
        StartWork(device, slot, device.Config.Cycle.Sample(device.CycleTimes));
    }

    private void Start(DeviceRuntime device, Slot slot, Item item)
    {
        device.AddItem(slot, item);
        if (item is Pool pool)
        {
            // Made here by the sterile connector, or taken from a shared buffer or by a direct hand-off.
            HandTo(pool, device);
        }
        StartWork(device, slot, device.Config.Cycle.Sample(device.CycleTimes));
    }

    private void StartWork(DeviceRuntime device, Slot slot, double duration) =>
        device.StartWork(slot, _simulation.Schedule(duration, slot.OnEnd!), Time + duration);

    private void WorkDone(DeviceRuntime device, Slot slot)
    {
        device.EndWork(slot);
        var statistics = device.Statistics;
        switch (device.Config.Role)
        {
            case DeviceRole.Batch:
                statistics.Completed += slot.Items.Count;
                device.Finish(slot);
                // A centrifuge unloads oldest collection first.
                slot.Items.Sort(OldestCollectionFirst);
                foreach (var item in slot.Items)
                {
                    Send(device, slot, item);
                }
                break;
            case DeviceRole.Separator:
                var unit = (WholeBloodUnit)slot.Items[0];
                statistics.Completed++;
                Statistics.WbSeparated++;
                Statistics.CollectionToSeparation.Add(Time - unit.CollectionTime);
                Statistics.WholeBlood.Change(Time, -1);
                device.ClearItems(slot);
                if (unit.Eligible)
                {
                    var coat = new BuffyCoat(++_nextItemId, unit, Time);
                    Statistics.BcProduced++;
                    Statistics.BuffyCoats.Change(Time, +1);
                    device.AddItem(slot, coat);
                    device.Finish(slot);
                    Send(device, slot, coat);
                    // The coat becomes poolable once rested: the sterile connector must look again then.
                    _simulation.Schedule(_config.MinRestMinutes, device.OutputBuffer!.Wake);
                }
                else
                {
                    // An ineligible unit's buffy coat leaves the model at the separator.
                    device.Vacate(slot, Time);
                }
                break;
            default:
                statistics.Completed++;
                if (device.Config.Output == Released)
                {
                    Release(device, (Pool)slot.Items[0]);
                    device.ClearItems(slot);
                    device.Vacate(slot, Time);
                }
                else
                {
                    device.Finish(slot);
                    Send(device, slot, slot.Items[0]);
                }
                break;
        }
    }

    private static void Send(DeviceRuntime device, Slot slot, Item item)
    {
        if (device.OutputBuffer is { } buffer)
        {
            buffer.Offer(new Transfer(item, device, slot));
        }
        else
        {
            device.OutputDevice!.Incoming.Add(new Transfer(item, device, slot));
        }
    }

    /// <summary>An item leaves its producer's slot; an emptied device is ready for work from now.</summary>
    private void Leave(Transfer transfer)
    {
        if (transfer.From is not { } device || transfer.Slot is not { } slot)
        {
            return;
        }
        device.RemoveItem(slot, transfer.Item);
        if (slot.Items.Count == 0)
        {
            device.Vacate(slot, Time);
        }
    }

    private void Release(DeviceRuntime device, Pool pool)
    {
        _events?.Invoke(new DeviceEvent(device.Id, Time, DeviceEventType.PoolReleased, $"pool {pool.Id}"));
        EndPool(pool, PoolOutcome.Released, null);
        Statistics.PoolsReleased++;
        Statistics.PoolStartToRelease.Add(Time - pool.StartedAt);
        Statistics.CollectionToRelease.Add(Time - pool.CollectionTime);
        Statistics.Pools.Change(Time, -1);
    }

    private static void TouchConsumers(LabBuffer buffer)
    {
        foreach (var consumer in buffer.Consumers)
        {
            consumer.MarkChanged();
        }
    }

    private static readonly Comparison<Item> OldestCollectionFirst = (a, b) =>
        a.CollectionTime != b.CollectionTime ? a.CollectionTime.CompareTo(b.CollectionTime) : a.Id.CompareTo(b.Id);

    private static Slot FreeSlot(DeviceRuntime device) => Array.Find(device.Slots, s => s.State == SlotState.Empty)!;
}
