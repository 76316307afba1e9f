using PlateletTwins.MockAdt.History;

namespace PlateletTwins.MockAdt.Persistence;

/// <summary>
/// The durable journal's front: collects changes into the pending batch, wakes the writer, and names the batch's
/// commit to the request that made the change. A write costs a short lock and a set insertion; the commit is the
/// writer's, one for all the changes that queued up while the previous one ran (a grouped commit).
/// </summary>
internal sealed class SqliteJournal : IStateJournal
{
    // An object, not a Lock: the writer waits on it with Monitor.
    private readonly object _lock = new();
    private PendingBatch _pending = new();
    private bool _completed;

    public void TwinChanged(string id) => Change(b => b.Twins.Add(id));

    public void RelationshipChanged(string sourceId, string id) => Change(b => b.Relationships.Add((sourceId, id)));

    public void ModelChanged(string id) => Change(b => b.Models.Add(id));

    public void RouteChanged(string id) => Change(b => b.Routes.Add(id));

    // History is recorded off the request path: no request waits for its rows.
    public void Recorded(PropertyChangeRow row) => Record(b => b.PropertyRows.Add(row));

    public void Recorded(TwinLifecycleRow row) => Record(b => b.TwinRows.Add(row));

    public void Recorded(RelationshipLifecycleRow row) => Record(b => b.RelationshipRows.Add(row));

    /// <summary>The writer: blocks until there is something to write; false once completed with nothing left.</summary>
    public bool WaitForWork()
    {
        lock (_lock)
        {
            while (_pending.IsEmpty && !_completed)
            {
                Monitor.Wait(_lock);
            }
            return !_pending.IsEmpty;
        }
    }

    /// <summary>The writer: takes the pending batch and starts a new one.</summary>
    public PendingBatch Take()
    {
        lock (_lock)
        {
            var batch = _pending;
            _pending = new PendingBatch();
            return batch;
        }
    }

    /// <summary>No more writes are coming (the host stops): the writer commits what is pending and ends.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            _completed = true;
            Monitor.PulseAll(_lock);
        }
    }

    private void Change(Action<PendingBatch> add)
    {
        Task commit;
        lock (_lock)
        {
            var wake = _pending.IsEmpty;
            add(_pending);
            commit = _pending.Committed;
            if (wake)
            {
                Monitor.Pulse(_lock);
            }
        }
        DurableAcknowledgement.WaitFor(commit);
    }

    private void Record(Action<PendingBatch> add)
    {
        lock (_lock)
        {
            var wake = _pending.IsEmpty;
            add(_pending);
            if (wake)
            {
                Monitor.Pulse(_lock);
            }
        }
    }
}
