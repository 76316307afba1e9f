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

    public ChannelReader<TwinState> Ready => _ready.Reader;

    /// <summary>Accepts an update; returns how many pending property values it overwrote (coalesced).</summary>
    public int Accept(TwinUpdate update, ActivityContext context)
    {
        var state = _twins.GetOrAdd(update.TwinId, id => new TwinState(id));
        if (state.Merge(update, context, out var coalesced))
        {
            _ready.Writer.TryWrite(state);
        }
        return coalesced;
    }

    public void Complete(TwinState state, PendingWrite written, bool succeeded)
    {
        if (state.Complete(written, succeeded))
        {
            _ready.Writer.TryWrite(state);
        }
    }
}
