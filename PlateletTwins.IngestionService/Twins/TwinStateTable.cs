using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using PlateletTwins.IngestionService.Durability;
using PlateletTwins.IngestionService.Intake;
using PlateletTwins.IngestionService.Runs;

namespace PlateletTwins.IngestionService.Twins;

/// <summary>The per-twin state of every twin the intake has seen, and the queue of twins with something to write.</summary>
public sealed class TwinStateTable
{
    private readonly ConcurrentDictionary<string, TwinState> _twins = new(StringComparer.Ordinal);
    private readonly Channel<TwinState> _ready = Channel.CreateUnbounded<TwinState>(new UnboundedChannelOptions { SingleWriter = false });

    private long _backlog;

    public ChannelReader<TwinState> Ready => _ready.Reader;

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
        var state = _twins.GetOrAdd(update.TwinId, id => new TwinState(id));
        var due = state.Merge(update, context, batch, run, out var settled);
        Interlocked.Add(ref _backlog, -settled);
        if (due)
        {
            _ready.Writer.TryWrite(state);
        }
    }

    /// <summary>Ends a write (see <see cref="TwinState.Complete"/>).</summary>
    public void Complete(TwinState state, PendingWrite written, WriteOutcome outcome, IReadOnlyCollection<string>? refused = null)
    {
        var due = state.Complete(written, outcome, refused, out var settled);
        Interlocked.Add(ref _backlog, -settled);
        if (due)
        {
            _ready.Writer.TryWrite(state);
        }
    }

    /// <summary>The twin was created again in ADT: its next write carries its whole state.</summary>
    public void RestoreFullState(string twinId)
    {
        if (_twins.TryGetValue(twinId, out var state) && state.RestoreFullState())
        {
            _ready.Writer.TryWrite(state);
        }
    }

    /// <summary>A twin's stored state, at start.</summary>
    internal void Restore(string twinId, TwinSnapshot snapshot) =>
        _twins.GetOrAdd(twinId, id => new TwinState(id)).Restore(snapshot);
}
