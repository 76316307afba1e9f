namespace PlateletTwins.IngestionService.Durability;

/// <summary>
/// Makes a twin's progress through its lifecycle durable before each change is sent: "change <c>sequence</c> of run
/// <c>epoch</c> is being written". Changes are barriers, so everything of the twin below that sequence is in ADT
/// then. Replaying a twin's whole tail after a crash would be harmless for ADT's state but not for its history (a
/// twin created, deleted, then created and deleted again by the replay); with the mark, the replay starts at the one
/// change that may or may not have landed, and that one is idempotent.
/// </summary>
internal sealed class ChangeMarks(IngestionStore store)
{
    public Task RecordAsync(string twinId, long epoch, long sequence) => store.WriteAsync((connection, transaction) =>
    {
        using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = """
            INSERT INTO change_marks (twin_id, epoch, sequence) VALUES ($id, $epoch, $sequence)
            ON CONFLICT (twin_id) DO UPDATE SET epoch = excluded.epoch, sequence = excluded.sequence
            """;
        upsert.Parameters.AddWithValue("$id", twinId);
        upsert.Parameters.AddWithValue("$epoch", epoch);
        upsert.Parameters.AddWithValue("$sequence", sequence);
        upsert.ExecuteNonQuery();
    });

    /// <summary>Every mark, at start: twin id, epoch, sequence.</summary>
    internal List<(string TwinId, long Epoch, long Sequence)> ReadAll() => store.Read(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT twin_id, epoch, sequence FROM change_marks";
        using var reader = command.ExecuteReader();
        var marks = new List<(string, long, long)>();
        while (reader.Read())
        {
            marks.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }
        return marks;
    });
}
