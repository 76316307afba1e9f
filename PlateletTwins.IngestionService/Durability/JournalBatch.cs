namespace PlateletTwins.IngestionService.Durability;

/// <summary>
/// A journal row in memory: how many of its items are not yet done with (written, superseded or dead-lettered). The
/// last release retires it, and the next checkpoint deletes the row.
/// </summary>
internal sealed class JournalBatch(long id, int items, Action<JournalBatch> retired)
{
    private int _outstanding = items;

    public long Id { get; } = id;

    public void Release()
    {
        if (Interlocked.Decrement(ref _outstanding) == 0)
        {
            retired(this);
        }
    }
}
