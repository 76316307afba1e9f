using System.Diagnostics;
using PlateletTwins.IngestionService.Durability;
using PlateletTwins.IngestionService.Intake;
using PlateletTwins.IngestionService.Runs;

namespace PlateletTwins.IngestionService.Twins;

/// <summary>
/// The pending state of one twin, and what ADT has of it. Updates merge into the queued write (latest value per
/// property wins, an older sequence never overwrites a newer one); in a lossless run each update is a write of its
/// own, in sequence order. The writer takes the head write; the twin is in the ready queue at most once, and never
/// while a write to it is in flight, so writes to one twin never overlap or reorder. Sequences are a run's own: the
/// first update of a newer run of the twin's lab supersedes whatever the earlier run still had pending.
/// </summary>
public sealed class TwinState(string twinId)
{
    private enum Phase
    {
        Clean,
        Queued,
        InFlight,
    }

    private readonly Lock _lock = new();
    private readonly LinkedList<PendingWrite> _queue = new();
    private Phase _phase = Phase.Clean;

    // The run the twin's state belongs to now.
    private string? _runId;
    private long _epoch;
    private bool _lossless;
    private long _acceptedSequence = -1;
    private long _acknowledgedSequence = -1;
    private int _outstanding;
    private int _queuedWrites;

    // The latest value of each property that ADT acknowledged, and per property the sequence below which nothing is
    // written again (ADT has a newer value, or refused that one for good).
    private readonly Dictionary<string, PendingProperty> _acknowledged = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _floor = new(StringComparer.Ordinal);

    public string TwinId { get; } = twinId;

    /// <summary>Writes queued and not yet taken: in a lossless run, how far the twin is behind.</summary>
    public int QueuedWrites => Volatile.Read(ref _queuedWrites);

    /// <summary>
    /// Merges an accepted update of <paramref name="run"/>. Returns whether the twin must be put in the ready queue;
    /// <paramref name="settled"/> counts the updates done with on the spot (superseded).
    /// </summary>
    public bool Merge(TwinUpdate update, ActivityContext context, JournalBatch? batch, RunRecord run, out int settled)
    {
        var carried = new CarriedUpdate(context, update.CreatedAt, update.Sequence, batch, run.Progress);
        lock (_lock)
        {
            settled = 0;
            if (_runId is null || run.Epoch > _epoch)
            {
                settled += SwitchRun(run);
            }
            else if (run.Epoch < _epoch)
            {
                // An earlier run's update, replayed after a newer run took the twin: it no longer counts.
                Settle(carried, run.Progress.OnSuperseded);
                settled++;
                return false;
            }
            _acceptedSequence = Math.Max(_acceptedSequence, update.Sequence);
            var write = _lossless ? new PendingWrite(_epoch) : _queue.Last?.Value ?? new PendingWrite(_epoch);
            var taken = false;
            foreach (var (name, value) in update.Properties)
            {
                if (value is null || _floor.GetValueOrDefault(name, -1) > update.Sequence)
                {
                    continue;
                }
                if (write.Properties.TryGetValue(name, out var existing) && existing.Sequence > update.Sequence)
                {
                    continue;
                }
                write.Properties[name] = new PendingProperty(value.DeepClone(), update.SourceTime, update.Sequence);
                taken = true;
            }
            if (!taken)
            {
                // Every value of it is older than what ADT has or will have (a resent or late update): nothing to write.
                Settle(carried, run.Progress.OnSuperseded);
                settled++;
                return false;
            }
            if (write.Updates.Count == 0 || update.Sequence >= write.MaxSequence)
            {
                write.Parent = context;
            }
            write.Add(carried);
            _outstanding++;
            if (_queue.Count == 0 || _lossless)
            {
                Enqueue(write, update.Sequence);
            }
            return MarkQueued();
        }
    }

    /// <summary>Takes the next write; the twin is in flight until <see cref="Complete"/>.</summary>
    public PendingWrite Take()
    {
        lock (_lock)
        {
            _phase = Phase.InFlight;
            if (_queue.First is not { } head)
            {
                return new PendingWrite(_epoch);
            }
            _queue.RemoveFirst();
            _queuedWrites = _queue.Count;
            var write = head.Value;
            if (write.Epoch == _epoch)
            {
                // A value queued before a newer one of the same property landed (a restored whole state, a replayed
                // dead letter): writing it now would take the twin back.
                foreach (var name in write.Properties.Where(p => _floor.GetValueOrDefault(p.Key, -1) > p.Value.Sequence).Select(p => p.Key).ToList())
                {
                    write.Properties.Remove(name);
                }
            }
            return write;
        }
    }

    /// <summary>
    /// Ends a write. Written: ADT has its values but <paramref name="refused"/>, which it refused for good (they are
    /// dead-lettered). RetryLater: its values go back under anything newer. Returns whether the twin must be queued
    /// again; <paramref name="settled"/> counts the carried updates done with.
    /// </summary>
    public bool Complete(PendingWrite write, WriteOutcome outcome, IReadOnlyCollection<string>? refused, out int settled)
    {
        lock (_lock)
        {
            // Before any journal row is released: a checkpoint that deletes the row then also stores this state.
            Dirty = true;
            settled = 0;
            var current = write.Epoch == _epoch;
            switch (outcome)
            {
                case WriteOutcome.Written or WriteOutcome.DeadLettered:
                    foreach (var (name, property) in write.Properties)
                    {
                        var ok = outcome == WriteOutcome.Written && refused?.Contains(name) != true;
                        // A value of a superseded run is what ADT has now, but the new run's values replace it whatever their sequence.
                        var sequence = current ? property.Sequence : -1;
                        if (ok && (!_acknowledged.TryGetValue(name, out var known) || known.Sequence <= sequence || !current))
                        {
                            _acknowledged[name] = property with { Sequence = sequence };
                        }
                        if (current)
                        {
                            _floor[name] = Math.Max(_floor.GetValueOrDefault(name, -1), property.Sequence);
                        }
                    }
                    if (current && outcome == WriteOutcome.Written)
                    {
                        _acknowledgedSequence = Math.Max(_acknowledgedSequence, write.MaxSequence);
                    }
                    var count = write.Updates.Count;
                    foreach (var update in write.Updates)
                    {
                        update.Batch?.Release();
                    }
                    var progress = write.Updates.Count > 0 ? write.Updates[0].Progress : null;
                    if (outcome == WriteOutcome.Written)
                    {
                        progress?.OnWritten(count);
                    }
                    else
                    {
                        progress?.OnDeadLettered(count);
                    }
                    settled = count;
                    if (current)
                    {
                        _outstanding -= count;
                    }
                    break;
                case WriteOutcome.RetryLater when !current:
                    foreach (var update in write.Updates)
                    {
                        Settle(update, update.Progress is { } p ? p.OnSuperseded : null);
                    }
                    settled = write.Updates.Count;
                    break;
                case WriteOutcome.RetryLater:
                    PutBack(write);
                    break;
            }
            _phase = _queue.Count > 0 ? Phase.Queued : Phase.Clean;
            return _phase == Phase.Queued;
        }
    }

    /// <summary>
    /// The twin was created again (it had vanished from ADT): its next write carries every value ADT had acknowledged,
    /// under anything newer. Returns whether the twin must be put in the ready queue.
    /// </summary>
    public bool RestoreFullState()
    {
        lock (_lock)
        {
            if (_acknowledged.Count == 0)
            {
                return false;
            }
            var write = _lossless || _queue.First is null ? new PendingWrite(_epoch) : _queue.First.Value;
            foreach (var (name, property) in _acknowledged)
            {
                write.Properties.TryAdd(name, property);
            }
            if (_lossless || _queue.First is null)
            {
                _queue.AddFirst(write);
                _queuedWrites = _queue.Count;
            }
            return MarkQueued();
        }
    }

    /// <summary>When the oldest update not yet in ADT was created: how stale the twin in ADT is; null when it is current.</summary>
    public DateTimeOffset? OldestPending()
    {
        lock (_lock)
        {
            DateTimeOffset? oldest = null;
            foreach (var write in _queue)
            {
                foreach (var update in write.Updates)
                {
                    if (oldest is null || update.CreatedAt < oldest)
                    {
                        oldest = update.CreatedAt;
                    }
                }
            }
            return oldest;
        }
    }

    /// <summary>Where the twin stands for the run it belongs to now.</summary>
    public TwinProgress Progress()
    {
        lock (_lock)
        {
            return new TwinProgress(_runId, _acceptedSequence, _acknowledgedSequence, _outstanding);
        }
    }

    /// <summary>The value of a property ADT acknowledged last, as a string, if it is one.</summary>
    public string? AcknowledgedValue(string name)
    {
        lock (_lock)
        {
            return _acknowledged.TryGetValue(name, out var property) && property.Value.GetValueKind() == System.Text.Json.JsonValueKind.String
                ? property.Value.GetValue<string>()
                : null;
        }
    }

    /// <summary>Set by every change the checkpoint must store; the checkpoint clears it.</summary>
    public bool Dirty
    {
        get => Volatile.Read(ref _dirty);
        set => Volatile.Write(ref _dirty, value);
    }

    private bool _dirty;

    /// <summary>
    /// The twin's state as the checkpoint stores it (a <see cref="TwinSnapshot"/> in JSON), written straight from the
    /// live values: nothing changes an acknowledged value once written, so no copy is needed, and the checkpoint
    /// writes one of these for every twin written since the last.
    /// </summary>
    public void WriteSnapshot(System.Text.Json.Utf8JsonWriter writer)
    {
        lock (_lock)
        {
            Dirty = false;
            writer.WriteStartObject();
            writer.WriteString("runId", _runId);
            writer.WriteNumber("epoch", _epoch);
            writer.WriteBoolean("lossless", _lossless);
            writer.WriteNumber("acceptedSequence", _acceptedSequence);
            writer.WriteNumber("acknowledgedSequence", _acknowledgedSequence);
            writer.WriteStartObject("acknowledged");
            foreach (var (name, property) in _acknowledged)
            {
                writer.WriteStartObject(name);
                writer.WritePropertyName("value");
                property.Value.WriteTo(writer);
                writer.WriteString("sourceTime", property.SourceTime);
                writer.WriteNumber("sequence", property.Sequence);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteStartObject("floor");
            foreach (var (name, floor) in _floor)
            {
                writer.WriteNumber(name, floor);
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
    }

    /// <summary>The state the checkpoint stored, at start, before anything is replayed.</summary>
    public void Restore(TwinSnapshot snapshot)
    {
        lock (_lock)
        {
            _runId = snapshot.RunId;
            _epoch = snapshot.Epoch;
            _lossless = snapshot.Lossless;
            _acceptedSequence = snapshot.AcceptedSequence;
            _acknowledgedSequence = snapshot.AcknowledgedSequence;
            foreach (var (name, property) in snapshot.Acknowledged)
            {
                _acknowledged[name] = property;
            }
            foreach (var (name, floor) in snapshot.Floor)
            {
                _floor[name] = floor;
            }
        }
    }

    // The twin now belongs to a newer run: what the earlier one still had queued is superseded; sequences start again.
    private int SwitchRun(RunRecord run)
    {
        Dirty = true;
        var settled = 0;
        foreach (var write in _queue)
        {
            foreach (var update in write.Updates)
            {
                Settle(update, update.Progress is { } p ? p.OnSuperseded : null);
                settled++;
            }
        }
        _queue.Clear();
        // A twin still in the ready queue stays there: the writer finds the new run's write, or nothing.
        _queuedWrites = 0;
        _runId = run.RunId;
        _epoch = run.Epoch;
        _lossless = run.Lossless;
        _acceptedSequence = -1;
        _acknowledgedSequence = -1;
        _outstanding = 0;
        _floor.Clear();
        foreach (var name in _acknowledged.Keys.ToList())
        {
            _acknowledged[name] = _acknowledged[name] with { Sequence = -1 };
        }
        return settled;
    }

    private static void Settle(CarriedUpdate update, Action<int>? count)
    {
        update.Batch?.Release();
        count?.Invoke(1);
    }

    // In sequence order: a lossless run's writes go out as their updates were made, even if two batches crossed.
    private void Enqueue(PendingWrite write, long sequence)
    {
        var node = _queue.Last;
        while (node is not null && node.Value.MaxSequence > sequence)
        {
            node = node.Previous;
        }
        if (node is null)
        {
            _queue.AddFirst(write);
        }
        else
        {
            _queue.AddAfter(node, write);
        }
        _queuedWrites = _queue.Count;
    }

    private void PutBack(PendingWrite write)
    {
        if (_lossless)
        {
            Enqueue(write, write.MaxSequence);
            return;
        }
        if (_queue.First is null)
        {
            _queue.AddFirst(write);
        }
        else
        {
            var next = _queue.First.Value;
            foreach (var (name, property) in write.Properties)
            {
                if (!next.Properties.TryGetValue(name, out var newer) || newer.Sequence < property.Sequence)
                {
                    next.Properties[name] = property;
                }
            }
            next.Prepend(write.Updates);
            if (next.Parent == default)
            {
                next.Parent = write.Parent;
            }
        }
        _queuedWrites = _queue.Count;
    }

    private bool MarkQueued()
    {
        if (_phase == Phase.Clean)
        {
            _phase = Phase.Queued;
            return true;
        }
        return false;
    }
}

/// <summary>Where a twin stands: its run, the highest sequence accepted and acknowledged by ADT, updates not yet done with.</summary>
public sealed record TwinProgress(string? RunId, long Accepted, long Acknowledged, int Pending);

/// <summary>A twin's state as the checkpoint stores it.</summary>
public sealed record TwinSnapshot(
    string? RunId,
    long Epoch,
    bool Lossless,
    long AcceptedSequence,
    long AcknowledgedSequence,
    IReadOnlyDictionary<string, PendingProperty> Acknowledged,
    IReadOnlyDictionary<string, long> Floor);
