using System.Text.Json.Nodes;
using PlateletTwins.MockAdt.Protocol;

namespace PlateletTwins.MockAdt.History;

/// <summary>
/// Data history's read side (not ADT operations: on Azure these are ADX queries): a twin's property changes by property
/// and time range, its lifecycle rows and those of the relationships it is the source or target of, as JSON with the
/// tables' column names; and each table whole as CSV for ADX.
/// </summary>
internal static class HistoryHandlers
{
    public const int MaxRows = 10_000;

    public static void MapHistoryHandlers(this IEndpointRouteBuilder app)
    {
        app.MapGet("/mockadt/history/properties", (HttpRequest request, DataHistory history) =>
        {
            var rows = history.Properties(
                QueryParameters.RequiredText(request, "twinId"),
                QueryParameters.Text(request, "key"),
                QueryParameters.Time(request, "from"),
                QueryParameters.Time(request, "to"),
                QueryParameters.Number(request, "max", 1, MaxRows) ?? MaxRows);
            return Results.Json(new JsonObject { ["value"] = new JsonArray([.. rows.Select(ToJson)]) }, AdtJson.Options);
        });
        app.MapGet("/mockadt/history/twins", (HttpRequest request, DataHistory history) =>
        {
            var rows = history.TwinLifecycle(QueryParameters.RequiredText(request, "twinId"), QueryParameters.Number(request, "max", 1, MaxRows) ?? MaxRows);
            return Results.Json(new JsonObject { ["value"] = new JsonArray([.. rows.Select(ToJson)]) }, AdtJson.Options);
        });
        app.MapGet("/mockadt/history/relationships", (HttpRequest request, DataHistory history) =>
        {
            var rows = history.RelationshipLifecycle(
                QueryParameters.RequiredText(request, "twinId"),
                QueryParameters.Text(request, "name"),
                QueryParameters.Number(request, "max", 1, MaxRows) ?? MaxRows);
            return Results.Json(new JsonObject { ["value"] = new JsonArray([.. rows.Select(ToJson)]) }, AdtJson.Options);
        });
        app.MapGet("/mockadt/history/properties.csv", (DataHistory history) => Csv(HistoryCsv.Properties(history.AllProperties())));
        app.MapGet("/mockadt/history/twins.csv", (DataHistory history) => Csv(HistoryCsv.Twins(history.TwinLifecycle())));
        app.MapGet("/mockadt/history/relationships.csv", (DataHistory history) => Csv(HistoryCsv.Relationships(history.RelationshipLifecycle())));
    }

    private static IResult Csv(string csv) => Results.Text(csv, "text/csv; charset=utf-8");

    private static JsonNode ToJson(TwinLifecycleRow row) => new JsonObject
    {
        ["TwinId"] = row.TwinId,
        ["Action"] = row.Action.ToString(),
        ["TimeStamp"] = row.TimeStamp,
        ["ServiceId"] = row.ServiceId,
        ["ModelId"] = row.ModelId,
    };

    private static JsonNode ToJson(RelationshipLifecycleRow row) => new JsonObject
    {
        ["RelationshipId"] = row.RelationshipId,
        ["Name"] = row.Name,
        ["Action"] = row.Action.ToString(),
        ["TimeStamp"] = row.TimeStamp,
        ["ServiceId"] = row.ServiceId,
        ["Source"] = row.Source,
        ["Target"] = row.Target,
    };

    private static JsonNode ToJson(PropertyChangeRow row) => new JsonObject
    {
        ["TimeStamp"] = row.TimeStamp,
        ["SourceTimeStamp"] = row.SourceTimeStamp,
        ["ServiceId"] = row.ServiceId,
        ["Id"] = row.Id,
        ["ModelId"] = row.ModelId,
        ["Key"] = row.Key,
        ["Value"] = JsonNode.Parse(row.Value),
        ["RelationshipTarget"] = row.RelationshipTarget,
        ["RelationshipId"] = row.RelationshipId,
    };
}
