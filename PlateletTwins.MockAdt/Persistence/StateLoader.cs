using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PlateletTwins.Dtdl;
using PlateletTwins.MockAdt.EventRoutes;
using PlateletTwins.MockAdt.History;
using PlateletTwins.MockAdt.Store;

namespace PlateletTwins.MockAdt.Persistence;

/// <summary>
/// Reads the data directory into the stores at start, before MockAdt serves: models (parsed again from their DTDL),
/// twins with the model index queries use, relationships with both their indexes, event routes (their filters
/// compiled again), and the newest rows of data history within its retention.
/// </summary>
internal sealed class StateLoader(ModelStore models, TwinStore twins, RelationshipStore relationships, EventRouteStore routes, DataHistory history)
{
    public sealed record Counts(int Models, int Twins, int Relationships, int Routes, long PropertyRows, long TwinRows, long RelationshipRows);

    public Counts Load(SqliteConnection connection, int maxHistoryRows)
    {
        var modelCount = 0;
        foreach (var row in Rows(connection, "SELECT id, upload_time, decommissioned, source FROM models"))
        {
            var problems = new List<string>();
            var model = ModelParser.ReadAccepted(JsonNode.Parse(row.GetString(3)), problems)
                ?? throw new InvalidDataException($"The stored model {row.GetString(0)} no longer reads: {string.Join("; ", problems)}");
            models.Restore(new ModelEntry(model, StoredTime.Read(row.GetString(1)), row.GetBoolean(2)));
            modelCount++;
        }
        var twinCount = 0;
        foreach (var row in Rows(connection, "SELECT id, model_id, etag, json FROM twins"))
        {
            twins.Restore(new TwinRecord(row.GetString(0), row.GetString(1), row.GetString(2), (byte[])row.GetValue(3)));
            twinCount++;
        }
        var relationshipCount = 0;
        foreach (var row in Rows(connection, "SELECT source_id, id, name, target_id, etag, json FROM relationships"))
        {
            relationships.Restore(new RelationshipRecord(row.GetString(0), row.GetString(1), row.GetString(2), row.GetString(3), row.GetString(4), (byte[])row.GetValue(5)));
            relationshipCount++;
        }
        var routeCount = 0;
        foreach (var row in Rows(connection, "SELECT id, endpoint_name, filter FROM event_routes"))
        {
            routes.Restore(new EventRoute(row.GetString(0), row.GetString(1), row.GetString(2), RouteFilter.Parse(row.GetString(2))));
            routeCount++;
        }
        // The newest rows of each table, oldest first: what the in-memory history would hold had it never stopped.
        var properties = Rows(connection, $"""
            SELECT time_stamp, source_time_stamp, service_id, id, model_id, key, value, relationship_target, relationship_id
            FROM history_properties WHERE seq > (SELECT coalesce(max(seq), 0) FROM history_properties) - {maxHistoryRows} ORDER BY seq
            """).Select(r => new PropertyChangeRow(StoredTime.Read(r.GetString(0)), r.IsDBNull(1) ? null : StoredTime.Read(r.GetString(1)),
                r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), NullableString(r, 7), NullableString(r, 8))).ToList();
        var twinRows = Rows(connection, $"""
            SELECT twin_id, time_stamp, service_id, action, model_id
            FROM history_twins WHERE seq > (SELECT coalesce(max(seq), 0) FROM history_twins) - {maxHistoryRows} ORDER BY seq
            """).Select(r => new TwinLifecycleRow(r.GetString(0), StoredTime.Read(r.GetString(1)), r.GetString(2), Enum.Parse<LifecycleAction>(r.GetString(3)), r.GetString(4))).ToList();
        var relationshipRows = Rows(connection, $"""
            SELECT relationship_id, name, time_stamp, service_id, action, source, target
            FROM history_relationships WHERE seq > (SELECT coalesce(max(seq), 0) FROM history_relationships) - {maxHistoryRows} ORDER BY seq
            """).Select(r => new RelationshipLifecycleRow(r.GetString(0), r.GetString(1), StoredTime.Read(r.GetString(2)), r.GetString(3), Enum.Parse<LifecycleAction>(r.GetString(4)),
                r.GetString(5), r.GetString(6))).ToList();
        history.Restore(properties, twinRows, relationshipRows);
        return new Counts(modelCount, twinCount, relationshipCount, routeCount,
            Count(connection, "history_properties"), Count(connection, "history_twins"), Count(connection, "history_relationships"));
    }

    private static string? NullableString(SqliteDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);

    private static long Count(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    private static IEnumerable<SqliteDataReader> Rows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return reader;
        }
    }
}
