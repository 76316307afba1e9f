using System.Collections.Concurrent;
using System.Diagnostics;
using PlateletTwins.IngestionService.Durability;
using PlateletTwins.IngestionService.Intake;
using PlateletTwins.IngestionService.Runs;

namespace PlateletTwins.IngestionService.Twins;

/// <summary>
/// The per-twin state of every twin the intake has seen, and the queue of twins with something to write. A twin whose
/// next write is a relationship to a twin ADT does not have yet waits here, out of the queue, until that twin is created.
/// </summary>
internal sealed class TwinStateTable
{
    private readonly ConcurrentDictionary<string, TwinState> _twins = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<TwinState, byte>> _waiting = new(StringComparer.Ordinal);
    private readonly ReadyTwins _ready = new();

    private long _backlog;

    public ReadyTwins Ready => _ready;

    /// <summary>Updates accepted and not yet done with (written, superseded or dead-lettered).</summary>
    public long Backlog => Interlocked.Read(ref _backlog);

    public IEnumerable<TwinState> All => _twins.Values;

    public TwinState? Find(string twinId) => _twins.TryGetValue(twinId, out var state) ? state : null;

    /// <summary>The age of the oldest update not yet in ADT, over every twin: how far behind the twin graph is.</summary>
    public TimeSpan Staleness(DateTimeOffset now)
    {
        var oldest = now;
        foreach (var state in _twins.Values)
        {
            if (state.OldestPending() is { } pending && pending < oldest)
            {
                oldest = pending;
            }
        }
        return now - oldest;
    }

    /// <summary>Takes an accepted update of <paramref name="run"/>, kept in <paramref name="batch"/> of the journal.</summary>
    public void Accept(TwinUpdate update, ActivityContext context, JournalBatch? batch, RunRecord run)
    {
        Interlocked.Increment(ref _backlog);
        var state = GetOrAdd(update.TwinId);
        var due = state.Merge(update, context, batch, run, out var settled);
        Settled(state, due, settled);
    }

    /// <summary>Takes an accepted lifecycle change of <paramref name="run"/>, kept in <paramref name="batch"/> of the journal.</summary>
    public void Accept(TwinChange change, ActivityContext context, JournalBatch? batch, RunRecord run)
    {
        Interlocked.Increment(ref _backlog);
        var state = GetOrAdd(change.TwinId);
        var due = state.Merge(change, context, batch, run, out var settled);
        Settled(state, due, settled);
    }

    /// <summary>The twin's next write (see <see cref="TwinState.Take(out int)"/>).</summary>
    public PendingWrite Take(TwinState state)
    {
        var write = state.Take(out var settled);
        Interlocked.Add(ref _backlog, -settled);
        return write;
    }

    /// <summary>A twin taken from the ready queue whose next write has no budget yet: back in the queue, later, to be taken again.</summary>
    public void Requeue(TwinState state) => _ready.Enqueue(state);

    /// <summary>Whether ADT has the twin, as far as the intake knows: a twin the runs create once ADT took its createTwin; any other always.</summary>
    public bool Exists(string twinId) => !_twins.TryGetValue(twinId, out var state) || state.ModelId is null || state.TakesWrites;

    private TwinState GetOrAdd(string twinId) => _twins.GetOrAdd(twinId, id => new TwinState(id, Exists));

    private void Settled(TwinState state, bool due, int settled)
    {
        Interlocked.Add(ref _backlog, -settled);
        if (due)
        {
            _ready.Enqueue(state);
        }
        else if (state.BlockedOn is { } target && target != state.TwinId)
        {
            Wait(state, target);
        }
        if (state.TakesWrites)
        {
            Wake(state.TwinId);
        }
    }

    // Parks a twin until its relationship's target exists; checked again after parking, so a creation in between is not missed.
    private void Wait(TwinState state, string target)
    {
        _waiting.GetOrAdd(target, _ => new ConcurrentDictionary<TwinState, byte>())[state] = 0;
        if (Exists(target))
        {
            Wake(target);
        }
    }

    private void Wake(string twinId)
    {
        if (!_waiting.TryRemove(twinId, out var waiters))
        {
            return;
        }
        foreach (var waiter in waiters.Keys)
        {
            if (waiter.Unblock())
            {
                _ready.Enqueue(waiter);
            }
            else if (waiter.BlockedOn is { } other && other != waiter.TwinId)
            {
                Wait(waiter, other);
            }
        }
    }

    /// <summary>Ends a write (see <see cref="TwinState.Complete"/>).</summary>
    public void Complete(TwinState state, PendingWrite written, WriteOutcome outcome, IReadOnlyCollection<string>? refused = null)
    {
        var due = state.Complete(written, outcome, refused, out var settled);
        Settled(state, due, settled);
    }

    /// <summary>The twin was created again in ADT: its next write carries its whole state.</summary>
    public void RestoreFullState(string twinId)
    {
        if (_twins.TryGetValue(twinId, out var state) && state.RestoreFullState())
        {
            _ready.Enqueue(state);
        }
    }

    /// <summary>
    /// ADT lost twins the run's changes had created: each (or only <paramref name="twinId"/>) is created again as ADT had
    /// it (see <see cref="TwinState.RestoreLifecycle"/>). Returns how many will be.
    /// </summary>
    public int RestoreLifecycles(RunRecord run, string? twinId = null)
    {
        var restored = 0;
        foreach (var state in twinId is null ? _twins.Values : Find(twinId) is { } one ? [one] : [])
        {
            if (state.RestoreLifecycle(run, out var due))
            {
                restored++;
                Settled(state, due, 0);
            }
        }
        return restored;
    }

    /// <summary>At start, after the journal's replay: the restores a restart interrupted, queued again. Returns how many.</summary>
    public int ResumeRestores(Func<string, RunRecord?> findRun)
    {
        var resumed = 0;
        foreach (var state in _twins.Values)
        {
            if (state.ResumeRestore(findRun, out var due))
            {
                resumed++;
                Settled(state, due, 0);
            }
        }
        return resumed;
    }

    /// <summary>A twin's change mark (see <see cref="Durability.ChangeMarks"/>), at start, before the journal is replayed.</summary>
    internal void RestoreMark(string twinId, long epoch, long sequence) => GetOrAdd(twinId).RestoreMark(epoch, sequence);

    /// <summary>A twin's stored state, at start.</summary>
    internal void Restore(string twinId, TwinSnapshot snapshot) =>
        GetOrAdd(twinId).Restore(snapshot);
}
