using System.Diagnostics;
using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Lab;
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
/// Lifecycle changes (the twin created or deleted, a relationship of it put or deleted) queue in the same sequence
/// order as barriers: the updates before one are written before it, those after it wait for it, and only updates
/// between two changes coalesce. A twin the run's changes create (it has a <see cref="ModelId"/>) takes property writes
/// only once ADT has it; a relationship waits until its target exists (<paramref name="targetExists"/>). Should ADT lose
/// such a twin (an instance that came back empty), it is created again as ADT had it, ahead of anything queued
/// (<see cref="RestoreLifecycle"/>).
/// </summary>
internal sealed class TwinState(string twinId, Func<string, bool>? targetExists = null)
{
    private enum Phase
    {
        Clean,
        Queued,
        InFlight,

        /// <summary>Writes are queued, but the first waits for a twin to exist; not in the ready queue.</summary>
        Blocked,
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
    private int _outstandingChanges;
    private int _queuedWrites;

    // The latest value of each property that ADT acknowledged, and per property the sequence below which nothing is
    // written again (ADT has a newer value, or refused that one for good).
    private readonly Dictionary<string, PendingProperty> _acknowledged = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _floor = new(StringComparer.Ordinal);

    // The lifecycle the run's changes manage: the model of its createTwin, whether ADT has the twin now (or refused to
    // create it: then its writes go on, and ADT's refusals dead-letter them), the sequence of the deleteTwin ADT took
    // (updates older than it have no twin to go to), the highest change ADT took (a resend at or below it is a
    // duplicate), and the relationships ADT has of it, by id (name and target: a move or delete charges the old target).
    private string? _modelId;
    private bool _takesWrites;

    // ADT took the twin's createTwin (not refused it): only such a twin is restored when ADT loses it.
    private bool _created;

    // The checkpoint said a restore was queued or under way when the service stopped (see ResumeRestore).
    private bool _restoreAtStart;
    private long _deletedAt = -1;
    private long _changeAcknowledged = -1;
    private readonly Dictionary<string, (string Name, string Target)> _relationships = new(StringComparer.Ordinal);
    private PendingWrite? _inFlight;

    // The change mark found at start (see Durability/ChangeMarks): items of that run's epoch below it are in ADT.
    private (long Epoch, long Sequence) _mark = (-1, -1);

    public string TwinId { get; } = twinId;

    /// <summary>The run the twin's state belongs to now (read without the lock: a reference is read whole).</summary>
    public string? RunId => Volatile.Read(ref _runId);

    /// <summary>The model of the twin's createTwin: set once the intake accepted it; null for a provisioned twin.</summary>
    public string? ModelId
    {
        get
        {
            lock (_lock)
            {
                return _modelId;
            }
        }
    }

    /// <summary>For a twin the run's changes create: ADT has it (or refused to create it). Read without the lock by other twins.</summary>
    public bool TakesWrites => Volatile.Read(ref _takesWrites);

    /// <summary>The twin a blocked relationship waits for, when the twin is blocked.</summary>
    public string? BlockedOn { get; private set; }

    /// <summary>The relationships ADT acknowledged of the twin: id → (name, target).</summary>
    public IReadOnlyDictionary<string, (string Name, string Target)> Relationships()
    {
        lock (_lock)
        {
            return new Dictionary<string, (string, string)>(_relationships, StringComparer.Ordinal);
        }
    }

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
            if (_deletedAt > update.Sequence)
            {
                // The twin's deleteTwin, later in its sequence, is in ADT already: the value has no twin to go to.
                Settle(carried, run.Progress.OnSuperseded);
                settled++;
                return false;
            }
            if (BelowMark(update.Sequence))
            {
                // Replayed, and written before the crash (a later change of the twin was being written then).
                Settle(carried, run.Progress.OnWritten);
                settled++;
                return false;
            }
            _acceptedSequence = Math.Max(_acceptedSequence, update.Sequence);
            var segment = _lossless ? null : SegmentWrite(update.Sequence);
            var write = segment ?? new PendingWrite(_epoch) { Run = run };
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
            if (segment is null)
            {
                Enqueue(write, update.Sequence);
            }
            return MarkQueued();
        }
    }

    /// <summary>
    /// Queues an accepted lifecycle change of <paramref name="run"/> in sequence order. Returns whether the twin must be
    /// put in the ready queue; <paramref name="settled"/> counts what was done with on the spot (superseded, or a resend).
    /// </summary>
    public bool Merge(TwinChange change, ActivityContext context, JournalBatch? batch, RunRecord run, out int settled)
    {
        var carried = new CarriedUpdate(context, change.CreatedAt, change.Sequence, batch, run.Progress);
        lock (_lock)
        {
            settled = 0;
            if (_runId is null || run.Epoch > _epoch)
            {
                settled += SwitchRun(run);
            }
            if (run.Epoch < _epoch || IsKnownChange(change.Sequence))
            {
                // An earlier run's change replayed after a newer run took the twin, or a change the twin has already.
                carried.Batch?.Release();
                run.Progress.OnChangeSuperseded();
                settled++;
                return false;
            }
            Dirty = true;
            if (change.Kind == TwinChangeKind.CreateTwin)
            {
                // Known from now on, for the twin's later updates and relationships (and, journaled, after a restart).
                _modelId = change.ModelId;
            }
            if (BelowMark(change.Sequence))
            {
                // Replayed, and ADT had it before the crash: what it did is known again, nothing is written.
                Apply(change);
                carried.Batch?.Release();
                run.Progress.OnChangeWritten();
                settled++;
                return false;
            }
            _acceptedSequence = Math.Max(_acceptedSequence, change.Sequence);
            var write = new PendingWrite(_epoch) { Change = change, Run = run, Parent = context };
            write.Add(carried);
            _outstanding++;
            _outstandingChanges++;
            Enqueue(write, change.Sequence);
            return MarkQueued();
        }
    }

    /// <summary>The change mark stored before the last crash, at start.</summary>
    public void RestoreMark(long epoch, long sequence)
    {
        lock (_lock)
        {
            _mark = (epoch, sequence);
        }
    }

    // Replayed after a crash, an item below the twin's change mark is in ADT already (changes are barriers): it counts
    // as done, and the twin is acknowledged up to the mark.
    private bool BelowMark(long sequence)
    {
        if (_mark.Epoch != _epoch || sequence >= _mark.Sequence)
        {
            return false;
        }
        _acknowledgedSequence = Math.Max(_acknowledgedSequence, _mark.Sequence - 1);
        _changeAcknowledged = Math.Max(_changeAcknowledged, _mark.Sequence - 1);
        return true;
    }

    // A resent change: ADT took it or one after it, or it is queued or being written.
    private bool IsKnownChange(long sequence) =>
        sequence <= _changeAcknowledged || IsChange(_inFlight, sequence) || _queue.Any(w => IsChange(w, sequence));

    private static bool IsChange(PendingWrite? write, long sequence) => write is { Restores: false } && write.Change?.Sequence == sequence;

    // The property write of the update's segment (between the changes around its sequence) to fold it into, if there is one.
    private PendingWrite? SegmentWrite(long sequence)
    {
        PendingWrite? found = null;
        for (var node = _queue.Last; node is not null; node = node.Previous)
        {
            if (node.Value.Change is { } change)
            {
                if (change.Sequence < sequence)
                {
                    break;
                }
                // A change after the update: the writes seen so far are past the barrier.
                found = null;
            }
            else
            {
                found ??= node.Value;
            }
        }
        return found;
    }

    /// <summary>Takes the next write; the twin is in flight until <see cref="Complete"/>. Empty when the first waits.</summary>
    public PendingWrite Take() => Take(out _);

    /// <summary>As <see cref="Take()"/>; <paramref name="settled"/> counts what it found superseded on the way.</summary>
    public PendingWrite Take(out int settled)
    {
        lock (_lock)
        {
            settled = 0;
            _phase = Phase.InFlight;
            while (_queue.First is { } head && (IsOfEndedRun(head.Value) || IsStaleRestore(head.Value)))
            {
                // A twin the runs create is the run's own: what a run that no longer streams left queued for it is not
                // written (the newer run removes that run's twins). A restore that what ADT took since made moot goes too.
                _queue.RemoveFirst();
                settled += SettleSuperseded(head.Value);
                _outstanding -= head.Value.UpdateCount;
                _outstandingChanges -= head.Value.Change is null || head.Value.Restores ? 0 : 1;
            }
            _queuedWrites = _queue.Count;
            if (_queue.First is not { } first || !CanWrite(first.Value))
            {
                return new PendingWrite(_epoch);
            }
            _queue.RemoveFirst();
            _queuedWrites = _queue.Count;
            var write = first.Value;
            if (write.Restores && write.Change!.Kind == TwinChangeKind.CreateTwin)
            {
                // The twin comes back with what ADT acknowledged last, each value with its own source time.
                write.Properties.Clear();
                foreach (var (name, property) in _acknowledged)
                {
                    write.Properties[name] = property;
                }
            }
            if (write.Change is null && write.Epoch == _epoch)
            {
                // A value queued before a newer one of the same property landed (a restored whole state, a replayed
                // dead letter): writing it now would take the twin back.
                foreach (var name in write.Properties.Where(p => _floor.GetValueOrDefault(p.Key, -1) > p.Value.Sequence).Select(p => p.Key).ToList())
                {
                    write.Properties.Remove(name);
                }
            }
            _inFlight = write;
            // Ended by the writer once ADT answered (a newer run of the lab waits for the run's changes in flight).
            if (write.Change is not null)
            {
                write.Run?.ChangeStarted();
            }
            return write;
        }
    }

    /// <summary>What the next write is, for its budget: the change, and the relationship target ADT has now (a move or a delete charges it).</summary>
    public (TwinChange? Change, string? CurrentTarget) Peek()
    {
        lock (_lock)
        {
            var change = _queue.First?.Value.Change;
            return (change, change?.Relationship?.Id is { } id && _relationships.TryGetValue(id, out var known) ? known.Target : null);
        }
    }

    /// <summary>The target ADT has of a relationship of the twin, if it has the relationship.</summary>
    public string? TargetOf(string relationshipId)
    {
        lock (_lock)
        {
            return _relationships.TryGetValue(relationshipId, out var known) ? known.Target : null;
        }
    }

    /// <summary>A twin that was waiting for another (a relationship's target) may go on: returns whether it must be put in the ready queue.</summary>
    public bool Unblock()
    {
        lock (_lock)
        {
            return _phase == Phase.Blocked && NextPhase();
        }
    }

    /// <summary>The twin was deleted from ADT outside its own changes (a newer run removed an earlier run's twins).</summary>
    public void MarkDeleted()
    {
        lock (_lock)
        {
            Dirty = true;
            Volatile.Write(ref _takesWrites, false);
            _created = false;
            _relationships.Clear();
            _acknowledged.Clear();
        }
    }

    /// <summary>ADT took the createTwin of this twin the run created and has not been told to delete it: a twin ADT should have.</summary>
    public bool WasCreated
    {
        get
        {
            lock (_lock)
            {
                return _created;
            }
        }
    }

    /// <summary>
    /// ADT lost the twin although it had taken its createTwin (an instance restored, an emulator restarted empty): the
    /// twin is created again with every value ADT had acknowledged and, once it is, each relationship ADT had of it put
    /// again, ahead of anything queued, so that its later changes find it as they left it. Returns whether it will be
    /// (not when ADT should not have it, or its re-creation is queued or under way already); <paramref name="due"/>,
    /// whether the twin must be put in the ready queue.
    /// </summary>
    public bool RestoreLifecycle(RunRecord run, out bool due)
    {
        lock (_lock)
        {
            due = false;
            if (!_created || _runId != run.RunId || IsRestoreCreate(_inFlight) || _queue.Any(IsRestoreCreate))
            {
                return false;
            }
            // Its values are taken when it is written, its relationships once ADT has it again (see CompleteChange).
            _queue.AddFirst(Restore(run, TwinChangeKind.CreateTwin));
            _queuedWrites = _queue.Count;
            Dirty = true;
            due = MarkQueued();
            return true;
        }
    }

    /// <summary>
    /// At start: a restore the checkpoint says was queued or under way when the service stopped is queued again (the
    /// re-creation and relationship puts are idempotent). Returns whether it is; <paramref name="due"/> as for <see cref="RestoreLifecycle"/>.
    /// </summary>
    public bool ResumeRestore(Func<string, RunRecord?> findRun, out bool due)
    {
        due = false;
        string? runId;
        lock (_lock)
        {
            runId = _restoreAtStart ? _runId : null;
            _restoreAtStart = false;
        }
        return runId is not null && findRun(runId) is { State: RunState.Streaming } run && RestoreLifecycle(run, out due);
    }

    private static bool IsRestoreCreate(PendingWrite? write) => write is { Restores: true, Change.Kind: TwinChangeKind.CreateTwin };

    private PendingWrite Restore(RunRecord run, TwinChangeKind kind, RelationshipChange? relationship = null) => new(_epoch)
    {
        Restores = true,
        Run = run,
        Change = new TwinChange(TwinId, RestoreSequence, default, kind, _modelId, null, relationship, null, default),
    };

    // Ahead of every sequence of the run: nothing queued later goes before a restore (see Enqueue).
    private const long RestoreSequence = -1;

    // A restore that ADT's changes since made moot: the twin deleted, or the relationship moved or deleted.
    private bool IsStaleRestore(PendingWrite write) => write.Restores && (!_created || write.Change!.Relationship is { } relationship
        && !(_relationships.TryGetValue(relationship.Id, out var known) && known.Target == relationship.TargetId && known.Name == relationship.Name));

    private bool IsOfEndedRun(PendingWrite write) => _modelId is not null && write.Run is { State: not RunState.Streaming };

    // Whether the write can go to ADT now: a property write or a relationship needs the twin (if the runs create it and
    // its createTwin is queued: with none, there is nothing to wait for, and ADT's refusal dead-letters the write), a
    // relationship its target too.
    private bool CanWrite(PendingWrite write)
    {
        var twinThere = _modelId is null || _takesWrites || !_queue.Any(w => w.Change?.Kind == TwinChangeKind.CreateTwin);
        return write.Change?.Kind switch
        {
            null => twinThere,
            TwinChangeKind.PutRelationship => twinThere && (targetExists?.Invoke(write.Change.Relationship!.TargetId!) ?? true),
            _ => true,
        };
    }

    // Where the twin stands after its queue changed while it was not in flight: returns whether it goes in the ready queue.
    private bool NextPhase()
    {
        BlockedOn = null;
        if (_queue.First is not { } first)
        {
            _phase = Phase.Clean;
            return false;
        }
        if (IsOfEndedRun(first.Value) || CanWrite(first.Value))
        {
            _phase = Phase.Queued;
            return true;
        }
        _phase = Phase.Blocked;
        BlockedOn = first.Value.Change?.Relationship?.TargetId ?? TwinId;
        return false;
    }

    private static int SettleSuperseded(PendingWrite write)
    {
        foreach (var update in write.Updates)
        {
            update.Batch?.Release();
            if (write.Change is not null)
            {
                update.Progress?.OnChangeSuperseded();
            }
            else
            {
                update.Progress?.OnSuperseded(1);
            }
        }
        return write.Updates.Count;
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
            _inFlight = null;
            if (write.Change is { } change)
            {
                settled = CompleteChange(write, change, outcome, current);
                return NextPhase();
            }
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
            return NextPhase();
        }
    }

    private int CompleteChange(PendingWrite write, TwinChange change, WriteOutcome outcome, bool current)
    {
        if (write.Restores)
        {
            // None of the run's changes: nothing to count. Tried again first, as it was taken: the rest waits for it;
            // a relationship's restore that a new re-creation overtook (ADT lost the twin again) is redone by it.
            if (outcome == WriteOutcome.RetryLater && current && (IsRestoreCreate(write) || !_queue.Any(IsRestoreCreate)))
            {
                _queue.AddFirst(write);
            }
            else if (outcome == WriteOutcome.Written && IsRestoreCreate(write) && _takesWrites)
            {
                // ADT has the twin again: its relationships as ADT took them last, read now, so a move that landed
                // while the twin was being re-created is the one restored.
                foreach (var (id, (name, target)) in _relationships.OrderByDescending(r => r.Key, StringComparer.Ordinal))
                {
                    _queue.AddFirst(Restore(write.Run!, TwinChangeKind.PutRelationship, new RelationshipChange(id, name, target)));
                }
            }
            _queuedWrites = _queue.Count;
            return 0;
        }
        if (outcome == WriteOutcome.RetryLater && current)
        {
            Enqueue(write, change.Sequence);
            return 0;
        }
        if (outcome == WriteOutcome.RetryLater)
        {
            return SettleSuperseded(write);
        }
        var carried = write.Updates[0];
        if (current)
        {
            _outstanding--;
            _outstandingChanges--;
        }
        if (outcome == WriteOutcome.DeadLettered)
        {
            if (current && change.Kind == TwinChangeKind.CreateTwin)
            {
                // ADT will not create it: the twin's later writes go on, to be refused and dead-lettered in turn rather than wait for ever.
                Volatile.Write(ref _takesWrites, true);
            }
            carried.Batch?.Release();
            carried.Progress?.OnChangeDeadLettered();
            return 1;
        }
        if (current)
        {
            // A dead-lettered change does not count here: replayed, it is taken again.
            _changeAcknowledged = Math.Max(_changeAcknowledged, change.Sequence);
            _acknowledgedSequence = Math.Max(_acknowledgedSequence, change.Sequence);
            Apply(change);
        }
        carried.Batch?.Release();
        carried.Progress?.OnChangeWritten();
        return 1;
    }

    // What ADT has of the twin once it took the change.
    private void Apply(TwinChange change)
    {
        switch (change.Kind)
        {
            case TwinChangeKind.CreateTwin:
                _deletedAt = -1;
                _created = true;
                foreach (var (name, value) in change.Properties ?? [])
                {
                    if (value is not null && _floor.GetValueOrDefault(name, -1) < change.Sequence)
                    {
                        _acknowledged[name] = new PendingProperty(value, change.SourceTime, change.Sequence);
                        _floor[name] = change.Sequence;
                    }
                }
                Volatile.Write(ref _takesWrites, true);
                break;
            case TwinChangeKind.DeleteTwin:
                _deletedAt = change.Sequence;
                _created = false;
                _relationships.Clear();
                _acknowledged.Clear();
                Volatile.Write(ref _takesWrites, false);
                break;
            case TwinChangeKind.PutRelationship:
                _relationships[change.Relationship!.Id] = (change.Relationship.Name!, change.Relationship.TargetId!);
                break;
            case TwinChangeKind.DeleteRelationship:
                _relationships.Remove(change.Relationship!.Id);
                break;
        }
    }

    /// <summary>The values ADT acknowledged last, by property (for a view of the twin).</summary>
    public IReadOnlyDictionary<string, JsonNode> AcknowledgedValues()
    {
        lock (_lock)
        {
            return _acknowledged.ToDictionary(p => p.Key, p => p.Value.Value, StringComparer.Ordinal);
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
            if (_acknowledged.Count == 0 || _modelId is not null)
            {
                // A twin the runs create comes back whole, through RestoreLifecycle.
                return false;
            }
            var fresh = _lossless || _queue.First is null || _queue.First.Value.Change is not null;
            var write = fresh ? new PendingWrite(_epoch) : _queue.First!.Value;
            foreach (var (name, property) in _acknowledged)
            {
                write.Properties.TryAdd(name, property);
            }
            if (fresh)
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
            return new TwinProgress(_runId, _acceptedSequence, _acknowledgedSequence, _outstanding, _outstandingChanges);
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
            if (_modelId is not null)
            {
                writer.WriteString("modelId", _modelId);
                writer.WriteBoolean("takesWrites", _takesWrites);
                writer.WriteBoolean("created", _created);
                // ADT may lack the twin or a relationship of it until its restore is written: a restart redoes it.
                writer.WriteBoolean("restoring", _inFlight is { Restores: true } || _queue.Any(w => w.Restores));
                writer.WriteNumber("deletedAt", _deletedAt);
                writer.WriteNumber("changeAcknowledged", _changeAcknowledged);
                writer.WriteStartObject("relationships");
                foreach (var (id, (name, target)) in _relationships)
                {
                    writer.WriteStartObject(id);
                    writer.WriteString("name", name);
                    writer.WriteString("target", target);
                    writer.WriteEndObject();
                }
                writer.WriteEndObject();
            }
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
            _modelId = snapshot.ModelId;
            _takesWrites = snapshot.TakesWrites;
            _created = snapshot.Created;
            _restoreAtStart = snapshot.Restoring;
            _deletedAt = snapshot.DeletedAt;
            _changeAcknowledged = snapshot.ChangeAcknowledged;
            foreach (var (id, relationship) in snapshot.Relationships ?? new Dictionary<string, SnapshotRelationship>())
            {
                _relationships[id] = (relationship.Name, relationship.Target);
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
            settled += SettleSuperseded(write);
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
        _outstandingChanges = 0;
        _floor.Clear();
        // The lifecycle is what ADT has, whichever run made it; the change sequences start again with the run.
        _deletedAt = -1;
        _changeAcknowledged = -1;
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
        while (node is not null && node.Value.Order > sequence)
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
        var head = _queue.First;
        while (head is { Value.Restores: true })
        {
            head = head.Next;
        }
        if (head is null || head.Value.Change is not null)
        {
            // Nothing to fold into before the next barrier: it goes first again (after a restore of the twin).
            if (head is null)
            {
                _queue.AddLast(write);
            }
            else
            {
                _queue.AddBefore(head, write);
            }
        }
        else
        {
            var next = head.Value;
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

    private bool MarkQueued() => _phase is Phase.Clean or Phase.Blocked && NextPhase();
}

/// <summary>Where a twin stands: its run, the highest sequence accepted and acknowledged by ADT, updates and changes not yet done with (and of them, changes).</summary>
internal sealed record TwinProgress(string? RunId, long Accepted, long Acknowledged, int Pending, int PendingChanges = 0);

/// <summary>A twin's state as the checkpoint stores it; the lifecycle fields only for a twin the runs create.</summary>
internal sealed record TwinSnapshot(
    string? RunId,
    long Epoch,
    bool Lossless,
    long AcceptedSequence,
    long AcknowledgedSequence,
    IReadOnlyDictionary<string, PendingProperty> Acknowledged,
    IReadOnlyDictionary<string, long> Floor,
    string? ModelId = null,
    bool TakesWrites = false,
    long DeletedAt = -1,
    long ChangeAcknowledged = -1,
    IReadOnlyDictionary<string, SnapshotRelationship>? Relationships = null,
    bool Created = false,
    bool Restoring = false);

/// <summary>A relationship ADT has of a twin, as the checkpoint stores it.</summary>
internal sealed record SnapshotRelationship(string Name, string Target);
