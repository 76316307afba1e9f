using System.Text.Json;

namespace PlateletTwins.IngestionService.Durability;

/// <summary>
/// Accepted batches, durable before the intake answers 202, kept until each of their items is done with. On start,
/// what is left is replayed (<see cref="IngestionRecovery"/>).
/// </summary>
internal sealed class IntakeJournal(IngestionStore store)
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly AwaitingCheckpoint<long> _retired = new();
    private long _lastId;

    /// <summary>
    /// Makes the entry durable, with <paramref name="alongside"/> in the same commit; the batch it returns is released
    /// once per item as each is done with.
    /// </summary>
    public async Task<JournalBatch> AppendAsync(JournalEntry entry, Action<Microsoft.Data.Sqlite.SqliteConnection, Microsoft.Data.Sqlite.SqliteTransaction>? alongside = null)
    {
        var id = Interlocked.Increment(ref _lastId);
        var body = JsonSerializer.SerializeToUtf8Bytes(entry, JsonOptions);
        await store.WriteAsync((connection, transaction) =>
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO journal (id, body) VALUES ($id, $body)";
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$body", body);
            insert.ExecuteNonQuery();
            alongside?.Invoke(connection, transaction);
        });
        return Handle(id, entry.ItemCount);
    }

    /// <summary>The in-memory handle of a row the database held at start (before anything is appended).</summary>
    internal JournalBatch Replayed(long id, int items)
    {
        _lastId = Math.Max(_lastId, id);
        return Handle(id, items);
    }

    private JournalBatch Handle(long id, int items)
    {
        var batch = new JournalBatch(id, items, b => _retired.Add(b.Id));
        if (items == 0)
        {
            _retired.Add(id);
        }
        return batch;
    }

    /// <summary>The rows retired since the last call: the checkpoint deletes them.</summary>
    internal List<long> TakeRetired() => _retired.TakeAll();

    /// <summary>Rows a failed checkpoint did not delete: the next one does.</summary>
    internal void Requeue(IEnumerable<long> ids) => _retired.Requeue(ids);
}
