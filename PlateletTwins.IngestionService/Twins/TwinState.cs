using System.Diagnostics;
using PlateletTwins.IngestionService.Intake;

namespace PlateletTwins.IngestionService.Twins;

/// <summary>
/// The pending state of one twin. Updates merge into it (latest value per property wins, older sequence numbers
/// never overwrite newer ones); the writer takes the whole of it as one write. A twin is in the ready queue at most
/// once, and never while a write to it is in flight, so writes to one twin never overlap or reorder.
/// </summary>
public sealed class TwinState(string twinId)
{
    private enum Phase
    {
        Clean,
        Queued,
        InFlight,
        InFlightDirty,
    }

    private readonly Lock _lock = new();
    private PendingWrite _pending = new();
    private Phase _phase = Phase.Clean;
    private long _lastSequence = -1;

    // The sequence of each property's value ADT has (or had when it refused it for good): an older one never replaces it.
    private readonly Dictionary<string, long> _written = new(StringComparer.Ordinal);

    public string TwinId { get; } = twinId;

    /// <summary>Merges an update; returns true when the twin must be put in the ready queue.</summary>
    public bool Merge(TwinUpdate update, ActivityContext context, out int coalesced)
    {
        lock (_lock)
        {
            coalesced = 0;
            var stale = update.Sequence < _lastSequence;
            _lastSequence = Math.Max(_lastSequence, update.Sequence);
            foreach (var (name, value) in update.Properties)
            {
                if (value is null)
                {
                    continue;
                }
                if (_written.TryGetValue(name, out var written) && written > update.Sequence)
                {
                    continue;
                }
                if (_pending.Properties.TryGetValue(name, out var existing))
                {
                    if (existing.Sequence > update.Sequence)
                    {
                        continue;
                    }
                    coalesced = 1;
                }
                _pending.Properties[name] = new PendingProperty(value.DeepClone(), update.SourceTime, update.Sequence);
            }
            _pending.Sources.Add(context);
            _pending.CreatedAt.Add(update.CreatedAt);
            if (!stale)
            {
                _pending.Parent = context;
            }
            return MarkDirty();
        }
    }

    /// <summary>When the oldest update not yet in ADT was created: how stale the twin in ADT is; null when it is current.</summary>
    public DateTimeOffset? OldestPending()
    {
        lock (_lock)
        {
            return _pending.CreatedAt.Count == 0 ? null : _pending.CreatedAt.Min();
        }
    }

    /// <summary>Takes everything pending for a write; the twin is in flight until <see cref="Complete"/>.</summary>
    public PendingWrite Take()
    {
        lock (_lock)
        {
            var taken = _pending;
            _pending = new PendingWrite();
            _phase = Phase.InFlight;
            return taken;
        }
    }

    /// <summary>Ends a write; on failure its contents go back under anything newer. Returns true when the twin must be queued again.</summary>
    public bool Complete(PendingWrite written, bool succeeded)
    {
        lock (_lock)
        {
            if (succeeded)
            {
                foreach (var (name, property) in written.Properties)
                {
                    _written[name] = Math.Max(_written.GetValueOrDefault(name, -1), property.Sequence);
                }
            }
            else
            {
                foreach (var (name, property) in written.Properties)
                {
                    _pending.Properties.TryAdd(name, property);
                }
                _pending.Sources.InsertRange(0, written.Sources);
                _pending.CreatedAt.InsertRange(0, written.CreatedAt);
                if (_pending.Parent == default)
                {
                    _pending.Parent = written.Parent;
                }
            }
            var requeue = !_pending.IsEmpty;
            _phase = requeue ? Phase.Queued : Phase.Clean;
            return requeue;
        }
    }

    private bool MarkDirty()
    {
        switch (_phase)
        {
            case Phase.Clean:
                _phase = Phase.Queued;
                return true;
            case Phase.InFlight:
                _phase = Phase.InFlightDirty;
                return false;
            default:
                return false;
        }
    }
}
