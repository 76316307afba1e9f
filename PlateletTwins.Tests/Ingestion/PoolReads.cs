using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>What MockAdt has of the pools, read over its HTTP API: twins, relationships, the data history's tables.</summary>
public static class PoolReads
{
    private const string Api = "api-version=2023-10-31";

    /// <summary>Waits until the run has nothing pending: every update and change accepted is acknowledged, superseded or dead-lettered.</summary>
    public static async Task<JsonObject> WaitUntilDoneAsync(HttpClient intake, string runId, TimeSpan within) =>
        await Eventually.ReturnsAsync(
            async () => (await intake.GetFromJsonAsync<JsonObject>($"/api/runs/{runId}"))!,
            status => status["changes"]!["pending"]!.GetValue<long>() == 0 && status["updates"]!["pending"]!.GetValue<long>() == 0,
            within, $"run {runId} with nothing pending");

    /// <summary>The twin, or null when ADT has none of that id.</summary>
    public static async Task<JsonObject?> TwinAsync(HttpClient adt, string twinId)
    {
        using var response = await adt.GetAsync($"/digitaltwins/{twinId}?{Api}");
        return response.StatusCode == System.Net.HttpStatusCode.NotFound ? null : await AdtAssert.JsonAsync(response);
    }

    /// <summary>The twin's outgoing relationships: id → (name, target).</summary>
    public static async Task<Dictionary<string, string>> RelationshipsAsync(HttpClient adt, string twinId)
    {
        var list = (await adt.GetFromJsonAsync<JsonObject>($"/digitaltwins/{twinId}/relationships?{Api}"))!;
        return list["value"]!.AsArray().ToDictionary(r => r!["$relationshipId"]!.GetValue<string>(), r => r!["$targetId"]!.GetValue<string>());
    }

    /// <summary>The twin lifecycle table: (twin id, action) in the order ADT recorded them.</summary>
    public static async Task<List<(string TwinId, string Action)>> TwinLifecycleAsync(HttpClient adt) =>
        [.. (await CsvAsync(adt, "/mockadt/history/twins.csv")).Select(r => (r["TwinId"], r["Action"]))];

    /// <summary>The relationship lifecycle table: (relationship id, action, source, target) in the order ADT recorded them.</summary>
    public static async Task<List<(string Id, string Action, string Source, string Target)>> RelationshipLifecycleAsync(HttpClient adt) =>
        [.. (await CsvAsync(adt, "/mockadt/history/relationships.csv")).Select(r => (r["RelationshipId"], r["Action"], r["Source"], r["Target"]))];

    /// <summary>A twin's property changes in the data history, oldest first: (key, value).</summary>
    public static async Task<List<(string Key, JsonNode? Value)>> PropertyHistoryAsync(HttpClient adt, string twinId)
    {
        var rows = (await adt.GetFromJsonAsync<JsonObject>($"/mockadt/history/properties?twinId={twinId}"))!["value"]!.AsArray();
        return [.. rows.Select(r => (r!["Key"]!.GetValue<string>(), r["Value"]?.DeepClone()))];
    }

    /// <summary>The pool twins of a lab ADT's query finds now.</summary>
    public static async Task<List<string>> PoolIdsAsync(HttpClient adt, string labId)
    {
        using var response = await adt.PostAsJsonAsync($"/query?{Api}", new JsonObject
        {
            ["query"] = $"SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '{ProcessFlowModel.Id}') AND T.labId = '{labId}'",
        });
        var body = await AdtAssert.JsonAsync(response);
        return [.. body["value"]!.AsArray().Select(t => t!["$dtId"]!.GetValue<string>())];
    }

    /// <summary>A value with its instants as instants: ADT writes them back with seven decimals, JSON without.</summary>
    public static JsonNode? Normal(JsonNode? value) => Instants(value is null ? null : JsonNode.Parse(value.ToJsonString()));

    private static JsonNode? Instants(JsonNode? value) => value switch
    {
        JsonArray array => new JsonArray([.. array.Select(Instants)]),
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Instants(p.Value)))),
        JsonValue text when text.TryGetValue<string>(out var s) && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var instant) && s.Contains('T', StringComparison.Ordinal)
            => JsonValue.Create(instant.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
        _ => value?.DeepClone(),
    };

    // Each row by its header's column names (ADX's column order is the table's, not this file's); the tables' fields
    // here need no quoting.
    private static async Task<List<Dictionary<string, string>>> CsvAsync(HttpClient adt, string path)
    {
        var lines = (await adt.GetStringAsync(path)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(c => c.First, c => c.Second, StringComparer.Ordinal))];
    }
}
