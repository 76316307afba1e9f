namespace PlateletTwins.SimulatorService.Lab.Model;

/// <summary>
/// Pools followed through the lab (only when the run has a <see cref="PoolTracking"/>): started, handed from device to
/// device, released or scrapped, and their twins deleted after the retention. Deletions are not on the engine's
/// calendar, so that following pools changes no event of the lab: they are let out as the clock passes them.
/// </summary>
internal sealed partial class LabModel
{
    private readonly PoolTracking? _pools;

    // Ended pools by (deletion time, number): the twins still to delete.
    private readonly PriorityQueue<PoolRecord, (double, int)> _deletions = new();

    /// <summary>When the next pool twin is due to be deleted, or +∞.</summary>
    public double NextPoolDeletion => _deletions.TryPeek(out _, out var due) ? due.Item1 : double.PositiveInfinity;

    /// <summary>Deletes the twins of ended pools due before <paramref name="minutes"/>, in time order.</summary>
    public void DeletePoolsBefore(double minutes)
    {
        while (_deletions.TryPeek(out var pool, out var due) && due.Item1 < minutes)
        {
            _deletions.Dequeue();
            pool.DeletedAt = due.Item1;
            _pools!.Observer(new PoolStep(PoolStepKind.Deleted, pool, due.Item1));
        }
    }

    private PoolRecord? NewPoolRecord(List<BuffyCoat> coats, int abo)
    {
        if (_pools is null)
        {
            return null;
        }
        var donations = coats.Select(c => c.Unit).ToList();
        donations.Sort(static (a, b) => a.CollectionTime != b.CollectionTime ? a.CollectionTime.CompareTo(b.CollectionTime) : a.Number.CompareTo(b.Number));
        return new PoolRecord(Statistics.PoolsStarted, _config.AboShares[abo].Group, donations, Time, _config.PoolShelfLifeMinutes);
    }

    /// <summary>The pool is handed to <paramref name="device"/> (it entered its input buffer, or the device itself): a step of its route.</summary>
    private void HandTo(Pool pool, DeviceRuntime device)
    {
        if (pool.Record is not { } record || record.DeviceId == device.Id)
        {
            return;
        }
        var first = record.Route.Count == 0;
        record.Route.Add(new PoolRouteStep(device.Id, PoolStages.Of(device.Config.Type), Time));
        _pools!.Observer(new PoolStep(first ? PoolStepKind.Started : PoolStepKind.HandedOver, record, Time));
    }

    private void HandTo(List<Item> items, DeviceRuntime device)
    {
        foreach (var item in items)
        {
            if (item is Pool pool)
            {
                HandTo(pool, device);
            }
        }
    }

    /// <summary>A pool entering a buffer is handed to its consumer; with several consumers, to the one that loads it.</summary>
    private void HandToConsumer(Item item, LabBuffer buffer)
    {
        if (item is Pool { Record: not null } pool && buffer.Consumers.Length == 1)
        {
            HandTo(pool, buffer.Consumers[0]);
        }
    }

    private void EndPool(Pool pool, PoolOutcome outcome, string? scrapReason)
    {
        if (pool.Record is not { } record)
        {
            return;
        }
        record.Outcome = outcome;
        record.EndTime = Time;
        record.ScrapReason = scrapReason;
        // Kept while its product is in shelf life, unless the run says otherwise; never before its end.
        var due = Math.Max(Time, _pools!.RetentionMinutes is { } retention ? Time + retention : record.ExpiryTime);
        record.DeletionDue = due;
        _pools.Observer(new PoolStep(PoolStepKind.Ended, record, Time));
        _deletions.Enqueue(record, (due, record.Number));
    }
}
