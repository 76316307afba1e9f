using System.Collections.Concurrent;

namespace PlateletTwins.IngestionService.Durability;

/// <summary>What waits for the next checkpoint: taken all at once, and given back when that checkpoint failed.</summary>
internal sealed class AwaitingCheckpoint<T>
{
    private readonly ConcurrentQueue<T> _items = new();

    public void Add(T item) => _items.Enqueue(item);

    public List<T> TakeAll()
    {
        var taken = new List<T>();
        while (_items.TryDequeue(out var item))
        {
            taken.Add(item);
        }
        return taken;
    }

    public void Requeue(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            _items.Enqueue(item);
        }
    }
}
