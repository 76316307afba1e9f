namespace PlateletTwins.SimulatorService.Engine;

/// <summary>
/// The event calendar: a binary min-heap ordered by (time, insertion order), so that events at one
/// instant fire in a fixed order and a run is deterministic. Not the framework's PriorityQueue: keyed by the same
/// (time, insertion order), it keeps the order but ran the engine's M/M/1 benchmark about 20 % slower (Engine/README.md).
/// </summary>
internal sealed class EventQueue
{
    private Entry[] _heap = new Entry[256];
    private int _count;
    private long _sequence;

    public int Count => _count;

    public void Push(double time, Event item)
    {
        if (_count == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }
        var entry = new Entry(time, _sequence++, item);
        var index = _count++;
        while (index > 0)
        {
            var parent = (index - 1) >> 1;
            if (!entry.Before(_heap[parent]))
            {
                break;
            }
            _heap[index] = _heap[parent];
            index = parent;
        }
        _heap[index] = entry;
    }

    public double PeekTime => _heap[0].Time;

    public Event Pop(out double time)
    {
        var top = _heap[0];
        time = top.Time;
        var last = _heap[--_count];
        _heap[_count] = default;
        if (_count > 0)
        {
            var index = 0;
            while (true)
            {
                var child = 2 * index + 1;
                if (child >= _count)
                {
                    break;
                }
                if (child + 1 < _count && _heap[child + 1].Before(_heap[child]))
                {
                    child++;
                }
                if (!_heap[child].Before(last))
                {
                    break;
                }
                _heap[index] = _heap[child];
                index = child;
            }
            _heap[index] = last;
        }
        return top.Item;
    }

    private readonly record struct Entry(double Time, long Sequence, Event Item)
    {
        public bool Before(in Entry other) => Time < other.Time || (Time == other.Time && Sequence < other.Sequence);
    }
}
