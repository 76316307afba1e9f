using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace PlateletTwins.IngestionService.Durability;

/// <summary>
/// The service's SQLite database (WAL, synchronous FULL: a committed write survives a kill -9 and a power cut). One
/// connection and one writer loop: every write is a piece of work queued here, and the loop runs whatever is queued in
/// one transaction (a group commit), each piece under a savepoint of its own, so that a hundred batches cost one fsync
/// and one failing piece fails alone. Reads happen only at start, before the loop has anything to write.
/// </summary>
internal sealed partial class IngestionStore : IAsyncDisposable
{
    private const int MaxGroup = 512;

    private readonly SqliteConnection _connection;
    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private readonly ILogger<IngestionStore> _logger;

    public IngestionStore(IOptions<StorageOptions> options, ILogger<IngestionStore> logger)
    {
        _logger = logger;
        var directory = options.Value.DataDirectory;
        IsDurable = !string.IsNullOrWhiteSpace(directory);
        string source;
        if (IsDurable)
        {
            Directory.CreateDirectory(directory!);
            source = Path.Combine(directory!, "ingestion.db");
        }
        else
        {
            source = ":memory:";
            LogNotDurable(logger);
        }
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Pooling = false }.ToString());
        _connection.Open();
        Execute(IsDurable ? "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;" : "PRAGMA journal_mode=MEMORY;");
        Execute(StoreSchema.Create);
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>False when the database lives in memory (no data directory configured).</summary>
    public bool IsDurable { get; }

    /// <summary>Runs <paramref name="work"/> in the next group commit; completes once that commit is durable.</summary>
    public Task WriteAsync(Action<SqliteConnection, SqliteTransaction> work)
    {
        var item = new Work(work);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(item), this);
        return item.Done.Task;
    }

    /// <summary>Reads at start, before anything is written.</summary>
    public T Read<T>(Func<SqliteConnection, T> read) => read(_connection);

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<Work>(MaxGroup);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (group.Count < MaxGroup && _queue.Reader.TryRead(out var item))
            {
                group.Add(item);
            }
            Commit(group);
            group.Clear();
        }
    }

    // Never throws: the loop outlives any failure; each piece of work learns its own outcome.
    private void Commit(List<Work> group)
    {
        var failed = new Exception?[group.Count];
        try
        {
            using var transaction = _connection.BeginTransaction();
            for (var i = 0; i < group.Count; i++)
            {
                transaction.Save("work");
                try
                {
                    group[i].Action(_connection, transaction);
                    transaction.Release("work");
                }
                catch (Exception error)
                {
                    transaction.Rollback("work");
                    failed[i] = error;
                    LogWorkFailed(_logger, error);
                }
            }
            transaction.Commit();
        }
        catch (Exception error)
        {
            LogCommitFailed(_logger, error);
            for (var i = 0; i < group.Count; i++)
            {
                failed[i] ??= error;
            }
        }
        for (var i = 0; i < group.Count; i++)
        {
            if (failed[i] is { } error)
            {
                group[i].Done.TrySetException(error);
            }
            else
            {
                group[i].Done.TrySetResult();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        await _connection.DisposeAsync();
    }

    private sealed class Work(Action<SqliteConnection, SqliteTransaction> action)
    {
        public Action<SqliteConnection, SqliteTransaction> Action { get; } = action;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Storage:DataDirectory: what the intake accepts is kept in memory only and is lost with the process")]
    private static partial void LogNotDurable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "A write to the ingestion database failed; it is reported to its caller")]
    private static partial void LogWorkFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "A commit of the ingestion database failed; every write in it is reported to its caller")]
    private static partial void LogCommitFailed(ILogger logger, Exception error);
}
