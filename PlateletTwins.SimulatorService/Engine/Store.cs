namespace PlateletTwins.SimulatorService.Engine;

/// <summary>
/// A bounded FIFO store: <see cref="Put"/> waits while it is full, <see cref="Get"/> waits while nothing (matching
/// its filter) is in it. Waiting puts and gets are served in the order they were made.
/// </summary>
public sealed class Store<T>(Simulation simulation, int capacity = int.MaxValue)
{
    private readonly List<T> _items = [];
    private readonly Queue<(Event Put, T Item)> _puts = new();
    private readonly List<(Event Get, Func<T, bool>? Filter)> _gets = [];

    public int Capacity { get; } = capacity;

    public IReadOnlyList<T> Items => _items;

    public int Count => _items.Count;

    /// <summary>An event that happens when <paramref name="item"/> is in the store.</summary>
    public Event Put(T item)
    {
        var put = new Event(simulation);
        _puts.Enqueue((put, item));
        Settle();
        return put;
    }

    /// <summary>An event that happens when an item (the first matching <paramref name="filter"/>) is taken; its value is the item.</summary>
    public Event Get(Func<T, bool>? filter = null)
    {
        var get = new Event(simulation);
        _gets.Add((get, filter));
        Settle();
        return get;
    }

    private void Settle()
    {
        bool changed;
        do
        {
            changed = false;
            while (_puts.Count > 0 && _items.Count < Capacity)
            {
                var (put, item) = _puts.Dequeue();
                _items.Add(item);
                put.Succeed(item);
                changed = true;
            }
            for (var g = 0; g < _gets.Count; g++)
            {
                var (get, filter) = _gets[g];
                var index = filter is null ? (_items.Count > 0 ? 0 : -1) : _items.FindIndex(i => filter(i));
                if (index < 0)
                {
                    continue;
                }
                var item = _items[index];
                _items.RemoveAt(index);
                _gets.RemoveAt(g--);
                get.Succeed(item);
                changed = true;
            }
        }
        while (changed);
    }
}
