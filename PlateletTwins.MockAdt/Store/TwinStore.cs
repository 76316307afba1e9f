using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PlateletTwins.MockAdt.Limits;
using PlateletTwins.MockAdt.Persistence;

namespace PlateletTwins.MockAdt.Store;

/// <summary>
/// The twins of the instance, safe under concurrent writes without a global lock: a write reads the current
/// record, builds its successor and swaps it in only if nobody else wrote in between, else it starts over.
/// Two concurrent PATCHes on one twin therefore both apply, one after the other, as ADT applies them.
/// An index by model serves queries that filter on the model. Under the cloud profile queries see each twin as it was
/// <see cref="LimitsOptions.QueryLag"/> ago, as ADT's queries lag its writes; reads by id are immediate.
/// </summary>
internal sealed class TwinStore(TimeProvider time, IOptions<LimitsOptions> limits, IStateJournal journal)
{
    private readonly TimeSpan _queryLag = limits.Value.RatesEnforced ? limits.Value.QueryLag : TimeSpan.Zero;
    private readonly ConcurrentDictionary<string, TwinRecord> _twins = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _byModel = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SortedIdList> _sorted = new(StringComparer.Ordinal);
    // Bumped whenever a twin joins or leaves a model's set (create, delete, $model change), not on other writes.
    private int _membership;

    private sealed record SortedIdList(int Membership, string[] Ids);

    private const string AllTwins = "";

    public TwinRecord? Get(string id) => _twins.TryGetValue(id, out var twin) ? twin : null;

    /// <summary>The ids of the twins whose model is exactly <paramref name="modelId"/>.</summary>
    public IEnumerable<string> IdsOfModel(string modelId) => _byModel.TryGetValue(modelId, out var ids) ? ids.Keys : [];

    /// <summary>
    /// The ids of the twins of a model (all twins for null), in ordinal order: kept between queries until a twin joins
    /// or leaves, so that a query's first page does not sort the whole set again.
    /// </summary>
    public IReadOnlyList<string> SortedIds(string? modelId)
    {
        var key = modelId ?? AllTwins;
        var membership = Volatile.Read(ref _membership);
        if (_sorted.TryGetValue(key, out var cached) && cached.Membership == membership)
        {
            return cached.Ids;
        }
        var ids = modelId is null ? [.. _twins.Keys] : IdsOfModel(modelId).ToArray();
        Array.Sort(ids, StringComparer.Ordinal);
        _sorted[key] = new SortedIdList(membership, ids);
        return ids;
    }

    /// <summary>The models twins have, each at least one twin's.</summary>
    public IEnumerable<string> ModelsInUse() => _byModel.Where(m => !m.Value.IsEmpty).Select(m => m.Key);

    /// <summary>Applies <paramref name="write"/> to the current record (null when absent) until it lands; returns what was stored.</summary>
    public TwinRecord Write(string id, Func<TwinRecord?, TwinRecord> write)
    {
        while (true)
        {
            var current = Get(id);
            var next = write(current);
            if (_queryLag > TimeSpan.Zero)
            {
                var now = time.GetTimestamp();
                next = next with { WrittenAt = now, Previous = current is null ? null : StillVisible(current, now) };
            }
            var stored = current is null ? _twins.TryAdd(id, next) : _twins.TryUpdate(id, next, current);
            if (stored)
            {
                journal.TwinChanged(id);
                if (current?.ModelId != next.ModelId)
                {
                    // Its model goes into the same commit: a twin on disk never outlives a model it was created with.
                    journal.ModelChanged(next.ModelId);
                    Interlocked.Increment(ref _membership);
                    // Added to the new model's set before leaving the old one: a query may see the twin under both
                    // for a moment, never under neither.
                    _byModel.GetOrAdd(next.ModelId, _ => new(StringComparer.Ordinal))[id] = 0;
                    if (current is not null && _byModel.TryGetValue(current.ModelId, out var old))
                    {
                        old.TryRemove(id, out _);
                    }
                }
                return next;
            }
        }
    }

    /// <summary>
    /// The twin as queries see it: the newest version written at least the query lag ago; null if it is newer than
    /// that. (A deleted twin leaves queries at once: deletions do not lag here.)
    /// </summary>
    public TwinRecord? Visible(string id)
    {
        var record = Get(id);
        if (_queryLag == TimeSpan.Zero)
        {
            return record;
        }
        var now = time.GetTimestamp();
        while (record is not null && time.GetElapsedTime(record.WrittenAt, now) < _queryLag)
        {
            record = record.Previous;
        }
        return record;
    }

    // What a new version keeps of its predecessor's history: the predecessor alone once it is visible to queries.
    private TwinRecord StillVisible(TwinRecord current, long now) =>
        time.GetElapsedTime(current.WrittenAt, now) >= _queryLag ? current with { Previous = null } : current;

    /// <summary>Removes the twin if it is still <paramref name="expected"/>; false when it changed meanwhile.</summary>
    public bool Remove(TwinRecord expected)
    {
        if (!_twins.TryRemove(new KeyValuePair<string, TwinRecord>(expected.Id, expected)))
        {
            return false;
        }
        if (_byModel.TryGetValue(expected.ModelId, out var ids))
        {
            ids.TryRemove(expected.Id, out _);
        }
        Interlocked.Increment(ref _membership);
        journal.TwinChanged(expected.Id);
        return true;
    }

    /// <summary>Puts back a twin read from the data directory at start, indexed as a write would, not journaled again.</summary>
    internal void Restore(TwinRecord record)
    {
        _twins[record.Id] = record;
        _byModel.GetOrAdd(record.ModelId, _ => new(StringComparer.Ordinal))[record.Id] = 0;
        Interlocked.Increment(ref _membership);
    }
}
