using System.Collections.Concurrent;
using PlateletTwins.MockAdt.Persistence;

namespace PlateletTwins.MockAdt.Store;

/// <summary>
/// The relationships of the instance, indexed by source (outgoing) and by target (incoming). Every change of the graph's
/// shape (a relationship created or deleted, a twin deleted) runs under one lock, so that a twin cannot be deleted
/// while a relationship to it is being created; reads need no lock.
/// </summary>
internal sealed class RelationshipStore(IStateJournal journal)
{
    private readonly Lock _graphLock = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, RelationshipRecord>> _outgoing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<(string Source, string Id), RelationshipRecord>> _incoming = new(StringComparer.Ordinal);
    /// <summary>Runs <paramref name="change"/> with the graph's shape held still.</summary>
    public T Exclusive<T>(Func<T> change)
    {
        lock (_graphLock)
        {
            return change();
        }
    }

    public RelationshipRecord? Get(string sourceId, string id) =>
        _outgoing.TryGetValue(sourceId, out var relationships) && relationships.TryGetValue(id, out var record) ? record : null;

    public IEnumerable<RelationshipRecord> Outgoing(string sourceId) =>
        _outgoing.TryGetValue(sourceId, out var relationships) ? relationships.Values : [];

    public IEnumerable<RelationshipRecord> Incoming(string targetId) =>
        _incoming.TryGetValue(targetId, out var relationships) ? relationships.Values : [];

    /// <summary>Every relationship, in no particular order.</summary>
    public IEnumerable<RelationshipRecord> All() => _outgoing.Values.SelectMany(r => r.Values);

    public int OutgoingCount(string sourceId) => _outgoing.TryGetValue(sourceId, out var r) ? r.Count : 0;

    public int IncomingCount(string targetId) => _incoming.TryGetValue(targetId, out var r) ? r.Count : 0;

    public bool HasAny(string twinId) => OutgoingCount(twinId) > 0 || IncomingCount(twinId) > 0;

    /// <summary>Stores a relationship, replacing one with the same source and id. Call under <see cref="Exclusive{T}"/>.</summary>
    public void Put(RelationshipRecord record)
    {
        PutCore(record);
        journal.RelationshipChanged(record.SourceId, record.Id);
        // Both ends go into the same commit: a relationship on disk never outlives a twin it was created between.
        journal.TwinChanged(record.SourceId);
        journal.TwinChanged(record.TargetId);
    }

    /// <summary>Puts back a relationship read from the data directory at start, indexed, not journaled again.</summary>
    internal void Restore(RelationshipRecord record) => PutCore(record);

    private void PutCore(RelationshipRecord record)
    {
        var outgoing = _outgoing.GetOrAdd(record.SourceId, _ => new(StringComparer.Ordinal));
        if (outgoing.TryGetValue(record.Id, out var previous))
        {
            RemoveIncoming(previous);
        }
        outgoing[record.Id] = record;
        _incoming.GetOrAdd(record.TargetId, _ => new())[(record.SourceId, record.Id)] = record;
    }

    /// <summary>Replaces a relationship's properties only if it is still <paramref name="expected"/>.</summary>
    public bool Update(RelationshipRecord expected, RelationshipRecord next)
    {
        lock (_graphLock)
        {
            if (Get(expected.SourceId, expected.Id) != expected)
            {
                return false;
            }
            PutCore(next);
            journal.RelationshipChanged(next.SourceId, next.Id);
            return true;
        }
    }

    /// <summary>Removes a relationship. Call under <see cref="Exclusive{T}"/>.</summary>
    public void Remove(RelationshipRecord record)
    {
        if (_outgoing.TryGetValue(record.SourceId, out var outgoing) && outgoing.TryRemove(record.Id, out var removed))
        {
            RemoveIncoming(removed);
            journal.RelationshipChanged(record.SourceId, record.Id);
        }
    }

    private void RemoveIncoming(RelationshipRecord record)
    {
        if (_incoming.TryGetValue(record.TargetId, out var incoming))
        {
            incoming.TryRemove((record.SourceId, record.Id), out _);
        }
    }
}
