using System.Buffers;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using PlateletTwins.IngestionService.DeadLetters;
using PlateletTwins.IngestionService.Events;
using PlateletTwins.IngestionService.Runs;
using PlateletTwins.IngestionService.Twins;

namespace PlateletTwins.IngestionService.Durability;

/// <summary>
/// Makes what ADT acknowledged durable, every <see cref="StorageOptions.CheckpointInterval"/>, in one commit: the
/// journal rows whose items are all done with are deleted with the twin states, event acknowledgements, dead letters
/// and run counts that say what became of them. Retired rows are taken first, so a row is never deleted without the
/// acknowledgement that retired it. A crash between checkpoints loses nothing: the rows are replayed, and rewriting
/// what ADT has already is harmless.
/// </summary>
internal sealed partial class Checkpointer(
    IngestionStore store,
    IntakeJournal journal,
    TwinStateTable twins,
    PendingEvents events,
    DeadLetterStore deadLetters,
    RunRegistry runs,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<Checkpointer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(options.Value.CheckpointInterval, time, stoppingToken);
                await CheckpointAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: one last checkpoint below.
        }
        await CheckpointAsync();
    }

    /// <summary>One checkpoint now; never throws (a failed one is logged, and the next one stores it all).</summary>
    public async Task CheckpointAsync()
    {
        var taken = new Taken();
        try
        {
            await store.WriteAsync((connection, transaction) => Write(connection, transaction, taken));
        }
        catch (Exception error)
        {
            // Not stored: offered again by the next checkpoint.
            journal.Requeue(taken.Retired);
            events.Requeue(taken.Acknowledged);
            deadLetters.Requeue(taken.Letters);
            foreach (var twin in taken.Twins)
            {
                twin.Dirty = true;
            }
            foreach (var run in taken.Runs)
            {
                run.Progress.MarkDirty();
            }
            LogCheckpointFailed(logger, error);
        }
    }

    // Taken inside the commit's work, on the store's loop, so that what is stored is what was retired by then.
    private void Write(SqliteConnection connection, SqliteTransaction transaction, Taken taken)
    {
        var retired = taken.Retired = journal.TakeRetired();
        var acknowledged = taken.Acknowledged = events.TakeAcknowledged();
        var letters = taken.Letters = deadLetters.TakeUnsaved();
        using (var delete = Command(connection, transaction, "DELETE FROM journal WHERE id = $id"))
        {
            var id = delete.Parameters.Add("$id", SqliteType.Integer);
            foreach (var row in retired)
            {
                id.Value = row;
                delete.ExecuteNonQuery();
            }
        }
        using (var insert = Command(connection, transaction,
            "INSERT OR IGNORE INTO acknowledged_events (run_id, event_id, dead_lettered) VALUES ($run, $event, $dead)"))
        {
            var run = insert.Parameters.Add("$run", SqliteType.Text);
            var eventId = insert.Parameters.Add("$event", SqliteType.Text);
            var dead = insert.Parameters.Add("$dead", SqliteType.Integer);
            foreach (var item in acknowledged)
            {
                run.Value = item.RunId;
                eventId.Value = item.EventId;
                dead.Value = item.DeadLettered ? 1 : 0;
                insert.ExecuteNonQuery();
            }
        }
        using (var upsert = Command(connection, transaction,
            "INSERT INTO twins (twin_id, state_json) VALUES ($id, $state) ON CONFLICT (twin_id) DO UPDATE SET state_json = excluded.state_json"))
        {
            var id = upsert.Parameters.Add("$id", SqliteType.Text);
            var state = upsert.Parameters.Add("$state", SqliteType.Blob);
            var buffer = new ArrayBufferWriter<byte>(1024);
            using var json = new Utf8JsonWriter(buffer);
            foreach (var twin in twins.All.Where(t => t.Dirty))
            {
                taken.Twins.Add(twin);
                buffer.ResetWrittenCount();
                json.Reset(buffer);
                twin.WriteSnapshot(json);
                json.Flush();
                id.Value = twin.TwinId;
                state.Value = buffer.WrittenSpan.ToArray();
                upsert.ExecuteNonQuery();
            }
        }
        using (var insert = Command(connection, transaction, "INSERT OR REPLACE INTO dead_letters (id, body) VALUES ($id, $body)"))
        {
            var id = insert.Parameters.Add("$id", SqliteType.Integer);
            var body = insert.Parameters.Add("$body", SqliteType.Text);
            foreach (var letter in letters)
            {
                id.Value = letter.Id;
                body.Value = JsonSerializer.Serialize(letter, IntakeJournal.JsonOptions);
                insert.ExecuteNonQuery();
            }
        }
        using (var update = Command(connection, transaction, "UPDATE runs SET progress_json = $progress WHERE run_id = $id"))
        {
            var id = update.Parameters.Add("$id", SqliteType.Text);
            var progress = update.Parameters.Add("$progress", SqliteType.Text);
            foreach (var run in runs.All.Where(r => r.Progress.TakeDirty()))
            {
                taken.Runs.Add(run);
                id.Value = run.RunId;
                progress.Value = JsonSerializer.Serialize(run.Progress.Snapshot(), IntakeJournal.JsonOptions);
                update.ExecuteNonQuery();
            }
        }
    }

    private sealed class Taken
    {
        public List<long> Retired { get; set; } = [];

        public List<AcknowledgedEvent> Acknowledged { get; set; } = [];

        public List<DeadLetter> Letters { get; set; } = [];

        public List<TwinState> Twins { get; } = [];

        public List<RunRecord> Runs { get; } = [];
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A checkpoint of the ingestion state failed; the next one stores it")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception error);
}
