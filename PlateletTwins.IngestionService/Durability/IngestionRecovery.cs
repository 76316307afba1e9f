using System.Diagnostics;
using System.Text.Json;
using PlateletTwins.IngestionService.DeadLetters;
using PlateletTwins.IngestionService.Events;
using PlateletTwins.IngestionService.Intake;
using PlateletTwins.IngestionService.Runs;
using PlateletTwins.IngestionService.Twins;

namespace PlateletTwins.IngestionService.Durability;

/// <summary>
/// On start, before the intake answers and the writers run: the runs, the twins' acknowledged state, the dead letters
/// and the events ADT took come back from the database, then every journal row still there is replayed in order, so
/// the writers resume exactly what was accepted and not yet done with.
/// </summary>
internal sealed partial class IngestionRecovery(
    IngestionStore store,
    IntakeJournal journal,
    RunRegistry runs,
    TwinStateTable twins,
    PendingEvents events,
    DeadLetterStore deadLetters,
    ChangeMarks marks,
    ILogger<IngestionRecovery> logger)
{
    public void Resume()
    {
        var runCount = RestoreRuns();
        var twinCount = RestoreTwins();
        foreach (var (twinId, epoch, sequence) in marks.ReadAll())
        {
            twins.RestoreMark(twinId, epoch, sequence);
        }
        var letterCount = RestoreDeadLetters();
        RestoreAcknowledgedEvents();
        var (rows, updates, pendingEvents) = ReplayJournal();
        if (twins.ResumeRestores(runs.Find) is var restores and > 0)
        {
            LogRestoresResumed(logger, restores);
        }
        if (runCount > 0)
        {
            LogResumed(logger, runCount, twinCount, rows, updates, pendingEvents, letterCount);
        }
    }

    private int RestoreRuns()
    {
        var restored = store.Read(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT epoch, state, superseded_by, start_json, progress_json FROM runs ORDER BY epoch";
            using var reader = command.ExecuteReader();
            var list = new List<RunRecord>();
            while (reader.Read())
            {
                var start = JsonSerializer.Deserialize<RunStart>(reader.GetString(3), IntakeJournal.JsonOptions)!;
                var run = new RunRecord(start, reader.GetInt64(0), Enum.Parse<RunState>(reader.GetString(1)))
                {
                    SupersededBy = reader.IsDBNull(2) ? null : reader.GetString(2),
                };
                if (!reader.IsDBNull(4))
                {
                    run.Progress.Restore(JsonSerializer.Deserialize<RunProgressSnapshot>(reader.GetString(4), IntakeJournal.JsonOptions)!);
                }
                list.Add(run);
            }
            return list;
        });
        foreach (var run in restored)
        {
            runs.Restore(run);
        }
        return restored.Count;
    }

    private int RestoreTwins() => store.Read(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT twin_id, state_json FROM twins";
        using var reader = command.ExecuteReader();
        var count = 0;
        while (reader.Read())
        {
            twins.Restore(reader.GetString(0), JsonSerializer.Deserialize<TwinSnapshot>((byte[])reader.GetValue(1), IntakeJournal.JsonOptions)!);
            count++;
        }
        return count;
    });

    private int RestoreDeadLetters() => store.Read(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM dead_letters ORDER BY id";
        using var reader = command.ExecuteReader();
        var count = 0;
        while (reader.Read())
        {
            deadLetters.Restore(JsonSerializer.Deserialize<DeadLetter>(reader.GetString(0), IntakeJournal.JsonOptions)!);
            count++;
        }
        return count;
    });

    private void RestoreAcknowledgedEvents() => store.Read(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT run_id, event_id, dead_lettered FROM acknowledged_events";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            runs.Find(reader.GetString(0))?.Progress.RestoreAcknowledgedEvent(reader.GetString(1), reader.GetInt64(2) == 1);
        }
        return 0;
    });

    private (int Rows, int Updates, int Events) ReplayJournal() => store.Read(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, body FROM journal ORDER BY id";
        using var reader = command.ExecuteReader();
        var (rows, updates, pending) = (0, 0, 0);
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            var entry = JsonSerializer.Deserialize<JournalEntry>((byte[])reader.GetValue(1), IntakeJournal.JsonOptions)!;
            var run = runs.Find(entry.RunId);
            var batch = journal.Replayed(id, run is null ? 0 : entry.ItemCount);
            rows++;
            if (run is null)
            {
                continue;
            }
            foreach (var change in entry.Changes ?? [])
            {
                // A change ADT took before the restart is done again: each is idempotent (see Twins/ChangeWriter).
                twins.Accept(change, ActivityContext.TryParse(change.TraceParent, null, out var parsed) ? parsed : default, batch, run);
                updates++;
            }
            foreach (var update in entry.Updates)
            {
                var context = ActivityContext.TryParse(update.TraceParent, null, out var parsed) ? parsed : default;
                twins.Accept(update, context, batch, run);
                updates++;
            }
            foreach (var discreteEvent in entry.Events)
            {
                if (run.Progress.TryAddEvent(discreteEvent.EventId))
                {
                    events.Enqueue(new PendingEvent(discreteEvent, batch, run));
                    pending++;
                }
                else
                {
                    // ADT took it before the restart.
                    batch.Release();
                }
            }
        }
        return (rows, updates, pending);
    });

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Resumed {Runs} runs and {Twins} twins; replaying {Rows} journal rows ({Updates} updates and changes, {Events} events not yet in ADT); {DeadLetters} dead letters")]
    private static partial void LogResumed(ILogger logger, int runs, int twins, int rows, int updates, int events, int deadLetters);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} twins were being restored in ADT when the service stopped: their restores are queued again")]
    private static partial void LogRestoresResumed(ILogger logger, int count);
}
