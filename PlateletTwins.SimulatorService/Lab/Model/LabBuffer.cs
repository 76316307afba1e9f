using PlateletTwins.SimulatorService.Lab.Configuration;

namespace PlateletTwins.SimulatorService.Lab.Model;

/// <summary>
/// A bounded buffer between devices. Finished items that cannot enter it yet wait in <see cref="Pending"/>, in the
/// order they finished over all producers, still occupying their producer's slot. Buffy coats are also kept per ABO
/// group in rest order, so the sterile connector finds a pool without scanning the rack.
/// </summary>
internal sealed class LabBuffer
{
    private readonly BufferConfig _config;
    private readonly int _aboGroups;

    public LabBuffer(BufferConfig config, int aboGroups)
    {
        _config = config;
        _aboGroups = aboGroups;
        Wake = MarkChanged;
    }

    // Items from _head on; taking from the front only moves _head, and the list is compacted now and then.
    private readonly List<Item> _items = [];
    private int _head;
    private List<BuffyCoat>[]? _coatsByGroup;

    public string Id => _config.Id;

    public int Capacity => _config.Capacity;

    public int Count => _items.Count - _head;

    public Item this[int index] => _items[_head + index];

    /// <summary>Finished items waiting to enter (<see cref="Offer"/>), their producers' slots still theirs.</summary>
    public List<Transfer> Pending { get; } = [];

    /// <summary>The devices that take their work from this buffer.</summary>
    public DeviceRuntime[] Consumers { get; private set; } = [];

    /// <summary>Marks the buffer for its consumers to look again (a rest or a batch wait is over); made once.</summary>
    public Action Wake { get; }

    /// <summary>The shortest wait of a batch consumer that starts on a timer, or null when none does.</summary>
    public double? BatchWait { get; private set; }

    // A wake-up already on the calendar for a batch consumer's wait, and when.
    private double _wakeAt = double.NaN;

    public bool HasRoom => Count < Capacity;

    /// <summary>Its contents or its consumers changed since its consumers last looked.</summary>
    public bool Changed { get; private set; }

    /// <summary>The devices that take their work from here; set once, as the lab is built.</summary>
    public void Connect(DeviceRuntime[] consumers)
    {
        Consumers = consumers;
        var waits = consumers.Where(c => c.Config.Role == DeviceRole.Batch).Select(c => c.Config.MaxWaitMinutes).OfType<double>().ToList();
        BatchWait = waits.Count > 0 ? waits.Min() : null;
    }

    /// <summary>Its consumers must look again at this instant's end.</summary>
    public void MarkChanged() => Changed = true;

    /// <summary>True, once, when its consumers must look again.</summary>
    public bool TakeChanged()
    {
        var changed = Changed;
        Changed = false;
        return changed;
    }

    /// <summary>An item finished upstream waits to enter, in the order items finished over all producers.</summary>
    public void Offer(Transfer transfer) => Pending.Add(transfer);

    /// <summary>
    /// A batch consumer waiting for its batch to fill must look again when the oldest item has waited long enough: the
    /// time of that wake-up, booked here, or null when none is needed (nothing waits, no consumer is empty and working,
    /// or a wake-up no later is already on the calendar).
    /// </summary>
    public double? BookBatchWake(double now)
    {
        if (BatchWait is not { } wait || Count == 0 || !Array.Exists(Consumers, c => c.IsEmpty && !c.Failed))
        {
            return null;
        }
        var wakeAt = OldestEntry() + wait;
        if (wakeAt > now && !(_wakeAt > now && _wakeAt <= wakeAt))
        {
            _wakeAt = wakeAt;
            return wakeAt;
        }
        return null;
    }

    /// <summary>The buffy coats of one ABO group, oldest rest first.</summary>
    public List<BuffyCoat> Coats(int group) => _coatsByGroup?[group] ?? NoCoats;

    private static readonly List<BuffyCoat> NoCoats = [];

    public void Add(Item item, double now)
    {
        item.EnteredBufferAt = now;
        if (_config.Order == BufferOrder.Collection)
        {
            // Ordered by (collection, id); new items are mostly the youngest, so look from the back.
            var index = _items.Count;
            while (index > _head && Later(_items[index - 1], item))
            {
                index--;
            }
            _items.Insert(index, item);
        }
        else
        {
            _items.Add(item);
        }
        if (item is BuffyCoat coat)
        {
            _coatsByGroup ??= [.. Enumerable.Range(0, _aboGroups).Select(_ => new List<BuffyCoat>())];
            var group = _coatsByGroup[coat.Abo];
            var at = group.Count;
            while (at > 0 && (group[at - 1].RestStart > coat.RestStart || (group[at - 1].RestStart == coat.RestStart && group[at - 1].Id > coat.Id)))
            {
                at--;
            }
            group.Insert(at, coat);
        }
    }

    public Item TakeFirst()
    {
        var item = _items[_head];
        _items[_head++] = null!;
        if (_head > 64 && _head * 2 > _items.Count)
        {
            _items.RemoveRange(0, _head);
            _head = 0;
        }
        Forget(item);
        return item;
    }

    public void Remove(Item item)
    {
        var index = _items.IndexOf(item, _head);
        if (index == _head)
        {
            TakeFirst();
            return;
        }
        _items.RemoveAt(index);
        Forget(item);
    }

    /// <summary>When the item that has waited longest entered.</summary>
    public double OldestEntry()
    {
        if (_config.Order == BufferOrder.Fifo)
        {
            return _items[_head].EnteredBufferAt;
        }
        var oldest = double.PositiveInfinity;
        for (var i = _head; i < _items.Count; i++)
        {
            oldest = Math.Min(oldest, _items[i].EnteredBufferAt);
        }
        return oldest;
    }

    private void Forget(Item item)
    {
        if (item is BuffyCoat coat)
        {
            _coatsByGroup![coat.Abo].Remove(coat);
        }
    }

    private static bool Later(Item a, Item b) => a.CollectionTime > b.CollectionTime || (a.CollectionTime == b.CollectionTime && a.Id > b.Id);
}

/// <summary>An item on its way into a buffer or a device, and the slot it leaves (null for a delivery).</summary>
internal readonly record struct Transfer(Item Item, DeviceRuntime? From, Slot? Slot);
