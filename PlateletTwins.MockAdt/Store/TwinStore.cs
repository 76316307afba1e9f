using System.Collections.Concurrent;

namespace PlateletTwins.MockAdt.Store;

/// <summary>
/// The twins of the instance, safe under concurrent writes without a global lock: a write reads the current
/// record, builds its successor and swaps it in only if nobody else wrote in between, else it starts over.
/// Two concurrent PATCHes on one twin therefore both apply, one after the other, as ADT applies them.
/// </summary>
public sealed class TwinStore
{
    private readonly ConcurrentDictionary<string, TwinRecord> _twins = new(StringComparer.Ordinal);

    public TwinRecord? Get(string id) => _twins.TryGetValue(id, out var twin) ? twin : null;

    /// <summary>Applies <paramref name="write"/> to the current record (null when absent) until it lands; returns what was stored.</summary>
    public TwinRecord Write(string id, Func<TwinRecord?, TwinRecord> write)
    {
        while (true)
        {
            var current = Get(id);
            var next = write(current);
            var stored = current is null ? _twins.TryAdd(id, next) : _twins.TryUpdate(id, next, current);
            if (stored)
            {
                return next;
            }
        }
    }

    /// <summary>Removes the twin if it is still <paramref name="expected"/>; false when it changed meanwhile.</summary>
    public bool Remove(TwinRecord expected) => _twins.TryRemove(new KeyValuePair<string, TwinRecord>(expected.Id, expected));
}
