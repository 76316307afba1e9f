using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using PlateletTwins.MockAdt.EventRoutes;
using PlateletTwins.MockAdt.History;
using PlateletTwins.MockAdt.Store;

namespace PlateletTwins.MockAdt.Persistence;

/// <summary>
/// MockAdt's state on disk, under <c>MockAdt:DataDirectory</c>. The in-memory stores stay what every request reads
/// and writes (so reads, queries and the write path's logic are the same with persistence on or off); this service
/// mirrors them into SQLite. On start it loads the file into the stores before the server listens; then one writer
/// thread commits, in one transaction, every change that queued up while the previous commit ran, and each request
/// that made one of them is answered only after that commit (<see cref="DurableAcknowledgement"/>).
/// SQLite in WAL mode rather than an append-only journal of our own: it gives atomic, synced commits, compaction (a
/// twin's row is replaced in place, where a journal would grow with every PATCH and need snapshots to stay short),
/// and crash recovery that are already proven, and a file a developer can open with any SQLite tool.
/// </summary>
internal sealed partial class SqlitePersistence(
    IOptions<PersistenceOptions> options,
    IOptions<HistoryOptions> historyOptions,
    SqliteJournal journal,
    StateLoader loader,
    ModelStore models,
    TwinStore twins,
    RelationshipStore relationships,
    EventRouteStore routes,
    ILogger<SqlitePersistence> logger) : IHostedService, IAsyncDisposable, IDisposable
{
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _started;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(options.Value.DataDirectory!);
        var connection = StateDatabase.Open(directory);
        StateWriter writer;
        try
        {
            var maxRows = historyOptions.Value.MaxRows;
            var counts = loader.Load(connection, maxRows);
            LogLoaded(logger, directory, counts.Models, counts.Twins, counts.Relationships, counts.Routes);
            writer = new StateWriter(connection, maxRows, counts);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        // A thread of its own: it spends its time in SQLite and in fsync, which would hold a pool thread.
        new Thread(() => WriteLoop(connection, writer)) { IsBackground = true, Name = "MockAdt persistence" }.Start();
        _started = true;
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_started)
        {
            return;
        }
        // Registered before the server and the dispatcher, so stopped after them: nothing writes any more.
        journal.Complete();
        await _stopped.Task.WaitAsync(cancellationToken);
    }

    /// <summary>A host disposed without being stopped still commits what is pending and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        journal.Complete();
        if (_started)
        {
            await _stopped.Task;
        }
    }

    public void Dispose()
    {
        journal.Complete();
        if (_started)
        {
            _stopped.Task.GetAwaiter().GetResult();
        }
    }

    private void WriteLoop(SqliteConnection connection, StateWriter writer)
    {
        try
        {
            while (journal.WaitForWork())
            {
                // Taken and read with the graph's shape held still: a commit never holds a relationship without its
                // twins, nor keeps a twin whose relationship was deleted before it.
                var snapshot = relationships.Exclusive(() => StateSnapshot.Read(journal.Take(), models, twins, relationships, routes));
                try
                {
                    writer.Write(snapshot);
                    snapshot.Batch.Complete();
                }
                catch (Exception e) when (e is SqliteException or IOException or InvalidOperationException)
                {
                    // The requests that wait for this commit fail (no acknowledgement without durability); the writer goes on.
                    LogCommitFailed(logger, e);
                    snapshot.Batch.Fail(e);
                }
            }
        }
        finally
        {
            writer.Dispose();
            connection.Dispose();
            _stopped.TrySetResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Directory}: {Models} models, {Twins} twins, {Relationships} relationships, {Routes} event routes")]
    private static partial void LogLoaded(ILogger logger, string directory, int models, int twins, int relationships, int routes);

    [LoggerMessage(Level = LogLevel.Error, Message = "A commit to the data directory failed; the writes it carried were not acknowledged")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception);
}
