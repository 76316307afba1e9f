namespace PlateletTwins.IngestionService.Runs;

/// <summary>
/// What became of a run's updates and events, as counts: every accepted update ends acknowledged by ADT (alone or
/// coalesced with later ones), superseded (by a newer run of the same lab) or dead-lettered; so does every lifecycle change. Kept durable by the
/// checkpoint; what the producer reads at <c>GET /api/runs/{runId}</c>.
/// </summary>
internal sealed class RunProgress(string runId)
{
    public string RunId { get; } = runId;

    private long _accepted;
    private long _rejected;
    private long _acknowledged;
    private long _coalesced;
    private long _superseded;
    private long _deadLettered;
    private long _changesAccepted;
    private long _changesAcknowledged;
    private long _changesSuperseded;
    private long _changesDeadLettered;
    private long _eventsAccepted;
    private long _eventsAcknowledged;
    private long _eventsDeadLettered;
    private int _dirty;

    // Every event id of the run the intake accepted: a resent event is recognised, not sent twice.
    private readonly HashSet<string> _eventIds = new(StringComparer.Ordinal);

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Rejected => Interlocked.Read(ref _rejected);

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public long Coalesced => Interlocked.Read(ref _coalesced);

    public long Superseded => Interlocked.Read(ref _superseded);

    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    public long ChangesAccepted => Interlocked.Read(ref _changesAccepted);

    public long ChangesAcknowledged => Interlocked.Read(ref _changesAcknowledged);

    public long ChangesSuperseded => Interlocked.Read(ref _changesSuperseded);

    public long ChangesDeadLettered => Interlocked.Read(ref _changesDeadLettered);

    public long EventsAccepted => Interlocked.Read(ref _eventsAccepted);

    public long EventsAcknowledged => Interlocked.Read(ref _eventsAcknowledged);

    public long EventsDeadLettered => Interlocked.Read(ref _eventsDeadLettered);

    public void OnAccepted(int updates) => Add(ref _accepted, updates);

    public void OnRejected(int items) => Add(ref _rejected, items);

    /// <summary>A write ADT acknowledged carried <paramref name="updates"/> updates: all but one were coalesced into it.</summary>
    public void OnWritten(int updates)
    {
        Add(ref _acknowledged, updates);
        Add(ref _coalesced, Math.Max(0, updates - 1));
    }

    public void OnSuperseded(int updates) => Add(ref _superseded, updates);

    public void OnChangesAccepted(int changes) => Add(ref _changesAccepted, changes);

    /// <summary>ADT acknowledged a lifecycle change (or it found it done already: a replay after a crash).</summary>
    public void OnChangeWritten() => Add(ref _changesAcknowledged, 1);

    /// <summary>A change of this run will not be written: a newer run of the lab took its twin, or it was a resend.</summary>
    public void OnChangeSuperseded() => Add(ref _changesSuperseded, 1);

    public void OnChangeDeadLettered() => Add(ref _changesDeadLettered, 1);

    public void OnDeadLettered(int updates) => Add(ref _deadLettered, updates);

    public void OnEventAcknowledged(bool deadLettered)
    {
        if (deadLettered)
        {
            Add(ref _eventsDeadLettered, 1);
        }
        else
        {
            Add(ref _eventsAcknowledged, 1);
        }
    }

    /// <summary>A dead-lettered event is offered again: it is pending, no longer dead-lettered.</summary>
    public void OnEventReplayed() => Add(ref _eventsDeadLettered, -1);

    /// <summary>Claims an event id; false when the run already has an event of that id.</summary>
    public bool TryAddEvent(string eventId)
    {
        lock (_eventIds)
        {
            if (!_eventIds.Add(eventId))
            {
                return false;
            }
        }
        Add(ref _eventsAccepted, 1);
        return true;
    }

    /// <summary>Gives back an id claimed for a batch that could not be made durable.</summary>
    public void ReleaseEvent(string eventId)
    {
        lock (_eventIds)
        {
            if (_eventIds.Remove(eventId))
            {
                Add(ref _eventsAccepted, -1);
            }
        }
    }

    /// <summary>True once since the last call when anything changed: the checkpoint stores it then.</summary>
    public bool TakeDirty() => Interlocked.Exchange(ref _dirty, 0) == 1;

    public void MarkDirty() => Volatile.Write(ref _dirty, 1);

    public RunProgressSnapshot Snapshot() => new(Accepted, Rejected, Acknowledged, Coalesced, Superseded, DeadLettered,
        ChangesAccepted, ChangesAcknowledged, ChangesSuperseded, ChangesDeadLettered);

    /// <summary>The counts as the checkpoint stored them; event counts are rebuilt from the events themselves.</summary>
    public void Restore(RunProgressSnapshot snapshot)
    {
        _accepted = snapshot.Accepted;
        _rejected = snapshot.Rejected;
        _acknowledged = snapshot.Acknowledged;
        _coalesced = snapshot.Coalesced;
        _superseded = snapshot.Superseded;
        _deadLettered = snapshot.DeadLettered;
        _changesAccepted = snapshot.ChangesAccepted;
        _changesAcknowledged = snapshot.ChangesAcknowledged;
        _changesSuperseded = snapshot.ChangesSuperseded;
        _changesDeadLettered = snapshot.ChangesDeadLettered;
    }

    /// <summary>An event the run had accepted and ADT acknowledged before a restart.</summary>
    public void RestoreAcknowledgedEvent(string eventId, bool deadLettered)
    {
        lock (_eventIds)
        {
            _eventIds.Add(eventId);
        }
        Add(ref _eventsAccepted, 1);
        OnEventAcknowledged(deadLettered);
    }

    private void Add(ref long counter, long value)
    {
        Interlocked.Add(ref counter, value);
        Volatile.Write(ref _dirty, 1);
    }
}

/// <summary>The update and change counts of a run, as stored (the change counts are 0 in rows stored before there were changes).</summary>
internal sealed record RunProgressSnapshot(long Accepted, long Rejected, long Acknowledged, long Coalesced, long Superseded, long DeadLettered,
    long ChangesAccepted = 0, long ChangesAcknowledged = 0, long ChangesSuperseded = 0, long ChangesDeadLettered = 0);
