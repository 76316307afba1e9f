using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using PlateletTwins.IngestionService.Intake;

namespace PlateletTwins.IngestionService.Twins;

/// <summary>The per-twin state of every twin the intake has seen, and the queue of twins with something to write.</summary>
public sealed class TwinStateTable
{
    private readonly ConcurrentDictionary<string, TwinState> _twins = new(StringComparer.Ordinal);
    private readonly Channel<TwinState> _ready = Channel.CreateUnbounded<TwinState>(new UnboundedChannelOptions { SingleWriter = false });

    private long _backlog;

    public ChannelReader<TwinState> Ready => _ready.Reader;

    /// <summary>Updates accepted and not yet written (or dead-lettered).</summary>
    public long Backlog => Interlocked.Read(ref _backlog);

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

    /// <summary>Accepts an update; returns how many pending property values it overwrote (coalesced).</summary>
    public int Accept(TwinUpdate update, ActivityContext context)
    {
        Interlocked.Increment(ref _backlog);
        var state = _twins.GetOrAdd(update.TwinId, id => new TwinState(id));
        if (state.Merge(update, context, out var coalesced))
        {
            _ready.Writer.TryWrite(state);
        }
        return coalesced;
    }

    /// <summary>Ends a write: done with (written, or dead-lettered) when <paramref name="succeeded"/>, else its contents wait for the next.</summary>
    public void Complete(TwinState state, PendingWrite written, bool succeeded)
    {
        if (succeeded)
        {
            Interlocked.Add(ref _backlog, -written.UpdateCount);
        }
        if (state.Complete(written, succeeded))
        {
            _ready.Writer.TryWrite(state);
        }
    }
}
