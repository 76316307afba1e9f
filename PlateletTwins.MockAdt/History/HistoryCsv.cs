using System.Text;
using PlateletTwins.Dtdl.Values;

namespace PlateletTwins.MockAdt.History;

/// <summary>
/// The tables as CSV in ADX's column order, with a header line (ingest with <c>ignoreFirstRecord=true</c>); times in
/// ISO 8601 UTC, <c>Value</c> as JSON text for ADX's <c>dynamic</c> column, RFC 4180 quoting.
/// </summary>
internal static class HistoryCsv
{
    public static string Properties(IEnumerable<PropertyChangeRow> rows) => Write(
        ["TimeStamp", "SourceTimeStamp", "ServiceId", "Id", "ModelId", "Key", "Value", "RelationshipTarget", "RelationshipId"],
        rows.Select(r => new[] { AdtTime.Format(r.TimeStamp), r.SourceTimeStamp is { } s ? AdtTime.Format(s) : "", r.ServiceId, r.Id, r.ModelId, r.Key, r.Value, r.RelationshipTarget ?? "", r.RelationshipId ?? "" }));

    // The lifecycle tables in the order of Learn's data history page since lifecycle history came out of preview
    // (2023): Action second in the twin table, third in the relationship table.
    public static string Twins(IEnumerable<TwinLifecycleRow> rows) => Write(
        ["TwinId", "Action", "TimeStamp", "ServiceId", "ModelId"],
        rows.Select(r => new[] { r.TwinId, r.Action.ToString(), AdtTime.Format(r.TimeStamp), r.ServiceId, r.ModelId }));

    public static string Relationships(IEnumerable<RelationshipLifecycleRow> rows) => Write(
        ["RelationshipId", "Name", "Action", "TimeStamp", "ServiceId", "Source", "Target"],
        rows.Select(r => new[] { r.RelationshipId, r.Name, r.Action.ToString(), AdtTime.Format(r.TimeStamp), r.ServiceId, r.Source, r.Target }));

    private static string Write(string[] header, IEnumerable<string[]> rows)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', header).Append("\r\n");
        foreach (var row in rows)
        {
            csv.AppendJoin(',', row.Select(Field)).Append("\r\n");
        }
        return csv.ToString();
    }

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
