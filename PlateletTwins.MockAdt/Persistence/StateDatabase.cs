using Microsoft.Data.Sqlite;

namespace PlateletTwins.MockAdt.Persistence;

/// <summary>
/// The SQLite file under the data directory: opened in WAL mode with a full sync at every commit (a commit survives a
/// kill -9 and a power cut alike), held exclusively (a second MockAdt on the same directory fails at start rather than
/// diverging from the first), with the schema created on first use and its version checked after.
/// </summary>
internal static class StateDatabase
{
    public const string FileName = "mockadt.db";

    private const int SchemaVersion = 1;

    private const string Schema = """
        CREATE TABLE models (id TEXT PRIMARY KEY, upload_time TEXT NOT NULL, decommissioned INTEGER NOT NULL, source TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE twins (id TEXT PRIMARY KEY, model_id TEXT NOT NULL, etag TEXT NOT NULL, json BLOB NOT NULL) WITHOUT ROWID;
        CREATE TABLE relationships (source_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, target_id TEXT NOT NULL, etag TEXT NOT NULL,
            json BLOB NOT NULL, PRIMARY KEY (source_id, id)) WITHOUT ROWID;
        CREATE TABLE event_routes (id TEXT PRIMARY KEY, endpoint_name TEXT NOT NULL, filter TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE history_properties (seq INTEGER PRIMARY KEY, time_stamp TEXT NOT NULL, source_time_stamp TEXT, service_id TEXT NOT NULL,
            id TEXT NOT NULL, model_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, relationship_target TEXT, relationship_id TEXT);
        CREATE TABLE history_twins (seq INTEGER PRIMARY KEY, twin_id TEXT NOT NULL, time_stamp TEXT NOT NULL, service_id TEXT NOT NULL,
            action TEXT NOT NULL, model_id TEXT NOT NULL);
        CREATE TABLE history_relationships (seq INTEGER PRIMARY KEY, relationship_id TEXT NOT NULL, name TEXT NOT NULL, time_stamp TEXT NOT NULL,
            service_id TEXT NOT NULL, action TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL);
        """;

    public static SqliteConnection Open(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Closed means closed: the file lock goes with the connection, so that a new host on the same directory can open it.
            Pooling = false,
            // One connection per file: a busy file is another MockAdt's, and waiting for it would not help.
            DefaultTimeout = 1,
        }.ToString());
        connection.Open();
        try
        {
            Execute(connection, "PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
            using var transaction = connection.BeginTransaction();
            var version = Convert.ToInt32(Scalar(connection, transaction, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);
            if (version == 0)
            {
                Execute(connection, Schema + $"PRAGMA user_version = {SchemaVersion};", transaction);
            }
            else if (version != SchemaVersion)
            {
                throw new InvalidOperationException(
                    $"{path} was written by another version of MockAdt (schema {version}, this one reads {SchemaVersion}); delete the directory to start afresh.");
            }
            transaction.Commit();
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)
        {
            connection.Dispose();
            throw new InvalidOperationException($"{path} is in use by another MockAdt: a data directory serves one instance at a time.", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command.ExecuteScalar();
    }
}
