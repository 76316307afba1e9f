using Microsoft.Data.Sqlite;

namespace PlateletTwins.MockAdt.Persistence;

/// <summary>
/// Writes snapshots in one transaction each, through statements prepared once; keeps data history's tables within
/// its retention (trimmed in steps, since loading reads only the newest rows anyway).
/// </summary>
internal sealed class StateWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly int _maxHistoryRows;
    private readonly int _trimSlack;
    private readonly List<SqliteCommand> _commands = [];
    private readonly SqliteCommand _putTwin, _deleteTwin, _putRelationship, _deleteRelationship, _putModel, _deleteModel, _putRoute, _deleteRoute;
    private readonly SqliteCommand _addProperty, _addTwinRow, _addRelationshipRow;
    private long _propertyRows, _twinRows, _relationshipRows;

    public StateWriter(SqliteConnection connection, int maxHistoryRows, StateLoader.Counts counts)
    {
        _connection = connection;
        _maxHistoryRows = maxHistoryRows;
        _trimSlack = Math.Max(1_000, maxHistoryRows / 16);
        (_propertyRows, _twinRows, _relationshipRows) = (counts.PropertyRows, counts.TwinRows, counts.RelationshipRows);
        _putTwin = Command("INSERT OR REPLACE INTO twins (id, model_id, etag, json) VALUES ($1, $2, $3, $4)", 4);
        _deleteTwin = Command("DELETE FROM twins WHERE id = $1", 1);
        _putRelationship = Command("INSERT OR REPLACE INTO relationships (source_id, id, name, target_id, etag, json) VALUES ($1, $2, $3, $4, $5, $6)", 6);
        _deleteRelationship = Command("DELETE FROM relationships WHERE source_id = $1 AND id = $2", 2);
        _putModel = Command("INSERT OR REPLACE INTO models (id, upload_time, decommissioned, source) VALUES ($1, $2, $3, $4)", 4);
        _deleteModel = Command("DELETE FROM models WHERE id = $1", 1);
        _putRoute = Command("INSERT OR REPLACE INTO event_routes (id, endpoint_name, filter) VALUES ($1, $2, $3)", 3);
        _deleteRoute = Command("DELETE FROM event_routes WHERE id = $1", 1);
        _addProperty = Command("""
            INSERT INTO history_properties (time_stamp, source_time_stamp, service_id, id, model_id, key, value, relationship_target, relationship_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """, 9);
        _addTwinRow = Command("INSERT INTO history_twins (twin_id, time_stamp, service_id, action, model_id) VALUES ($1, $2, $3, $4, $5)", 5);
        _addRelationshipRow = Command("""
            INSERT INTO history_relationships (relationship_id, name, time_stamp, service_id, action, source, target) VALUES ($1, $2, $3, $4, $5, $6, $7)
            """, 7);
    }

    public void Write(StateSnapshot snapshot)
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var command in _commands)
        {
            command.Transaction = transaction;
        }
        foreach (var (id, model) in snapshot.Models)
        {
            if (model is null)
            {
                Run(_deleteModel, id);
            }
            else
            {
                Run(_putModel, id, StoredTime.Write(model.UploadTime), model.Decommissioned, model.Interface.Source.ToJsonString());
            }
        }
        foreach (var (id, twin) in snapshot.Twins)
        {
            if (twin is null)
            {
                Run(_deleteTwin, id);
            }
            else
            {
                Run(_putTwin, id, twin.ModelId, twin.ETag, twin.Json);
            }
        }
        foreach (var (key, relationship) in snapshot.Relationships)
        {
            if (relationship is null)
            {
                Run(_deleteRelationship, key.SourceId, key.Id);
            }
            else
            {
                Run(_putRelationship, key.SourceId, key.Id, relationship.Name, relationship.TargetId, relationship.ETag, relationship.Json);
            }
        }
        foreach (var (id, route) in snapshot.Routes)
        {
            if (route is null)
            {
                Run(_deleteRoute, id);
            }
            else
            {
                Run(_putRoute, id, route.EndpointName, route.Filter);
            }
        }
        var batch = snapshot.Batch;
        foreach (var row in batch.PropertyRows)
        {
            Run(_addProperty, StoredTime.Write(row.TimeStamp), row.SourceTimeStamp is { } s ? StoredTime.Write(s) : null, row.ServiceId, row.Id, row.ModelId,
                row.Key, row.Value, row.RelationshipTarget, row.RelationshipId);
        }
        foreach (var row in batch.TwinRows)
        {
            Run(_addTwinRow, row.TwinId, StoredTime.Write(row.TimeStamp), row.ServiceId, row.Action.ToString(), row.ModelId);
        }
        foreach (var row in batch.RelationshipRows)
        {
            Run(_addRelationshipRow, row.RelationshipId, row.Name, StoredTime.Write(row.TimeStamp), row.ServiceId, row.Action.ToString(), row.Source, row.Target);
        }
        _propertyRows = Trim("history_properties", _propertyRows + batch.PropertyRows.Count, transaction);
        _twinRows = Trim("history_twins", _twinRows + batch.TwinRows.Count, transaction);
        _relationshipRows = Trim("history_relationships", _relationshipRows + batch.RelationshipRows.Count, transaction);
        transaction.Commit();
    }

    private long Trim(string table, long rows, SqliteTransaction transaction)
    {
        if (rows <= _maxHistoryRows + _trimSlack)
        {
            return rows;
        }
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        // Rows are only ever appended, so the newest are those with the highest seq.
        command.CommandText = $"DELETE FROM {table} WHERE seq <= (SELECT max(seq) FROM {table}) - $max";
        command.Parameters.AddWithValue("$max", _maxHistoryRows);
        command.ExecuteNonQuery();
        return _maxHistoryRows;
    }

    private SqliteCommand Command(string sql, int parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 1; i <= parameters; i++)
        {
            command.Parameters.Add(new SqliteParameter($"${i}", null));
        }
        _commands.Add(command);
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in _commands)
        {
            command.Dispose();
        }
    }
}
