using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.MockAdt.MockAdtFixture;

namespace PlateletTwins.Tests.MockAdt.Pools;

/// <summary>
/// A pool's whole journey, read back from data history alone once its twin is gone: created, its property changes
/// with their source times (the simulated instants), its relationships created and deleted, deleted. The moves of
/// processedBy are, as on ADT, relationship updates: the lifecycle table does not hold them, the route's values do.
/// </summary>
public sealed class PoolHistoryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);
    private static readonly string Pool = PoolDocuments.PoolTwinId(1);

    private PoolGraph _graph = null!;

    public async Task InitializeAsync() => _graph = await PoolGraph.StartAsync();

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    private HttpClient Client => _graph.Client;

    // History is written off the request path: wait, bounded, until the rows are there.
    private Task<JsonArray> HistoryAsync(string table, string query, int expected) =>
        Eventually.ReturnsAsync(async () => (await Client.GetFromJsonAsync<JsonObject>($"/mockadt/history/{table}?{query}"))!["value"]!.AsArray(),
            rows => rows.Count >= expected, TimeSpan.FromSeconds(10), $"{expected} {table} history rows for {query}");

    /// <summary>Hands the pool to a device as the intake does: processedBy moved, then stage and route with the hand-off's time.</summary>
    private async Task HandOffAsync(JsonArray route, string device, string stage, DateTimeOffset at)
    {
        (await PoolTwins.PutProcessedByAsync(Client, Pool, device)).EnsureSuccessStatusCode();
        route.Add(PoolDocuments.RouteEntry(device, stage, at));
        (await _graph.PatchAsync(Pool, ProcessFlowModel.Stage, stage, at)).EnsureSuccessStatusCode();
        (await _graph.PatchAsync(Pool, ProcessFlowModel.Route, route.DeepClone(), at)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_deleted_pools_journey_is_whole_in_data_history()
    {
        // The graph's pool 1 is replaced by a fresh life of its own: its relationships and twin removed first.
        foreach (var relationship in (string[])[ProcessFlowModel.ProcessedById(Pool), ProcessFlowModel.LocatedAtId(Pool)])
        {
            (await Client.DeleteAsync($"/digitaltwins/{Pool}/relationships/{relationship}?{ApiVersion}")).EnsureSuccessStatusCode();
        }
        (await Client.DeleteAsync($"/digitaltwins/{Pool}?{ApiVersion}")).EnsureSuccessStatusCode();
        // What its first life left: the twin's Create and Delete, four relationship rows, a stage and a route.
        var before = (await HistoryAsync("twins", $"twinId={Pool}", expected: 2)).Count;
        var relationshipsBefore = (await HistoryAsync("relationships", $"twinId={Pool}", expected: 4)).Count;
        var stagesBefore = (await HistoryAsync("properties", $"twinId={Pool}&key={ProcessFlowModel.Stage}", expected: 1)).Count;
        var routesBefore = (await HistoryAsync("properties", $"twinId={Pool}&key={ProcessFlowModel.Route}", expected: 1)).Count;

        // Created at the sterile connector with its first values, each with its source time.
        var pool = PoolDocuments.Pool(1, "O", ProcessFlowModel.StageValues.Pooling, Start.AddHours(-20));
        pool["$metadata"] = new JsonObject { ["$model"] = ProcessFlowModel.Id, [ProcessFlowModel.Stage] = new JsonObject { ["sourceTime"] = PoolDocuments.Time(Start) } };
        (await Client.PutAsync($"/digitaltwins/{Pool}?{ApiVersion}", JsonBody(pool))).EnsureSuccessStatusCode();
        (await PoolTwins.PutLocatedAtAsync(Client, Pool)).EnsureSuccessStatusCode();
        var route = new JsonArray();
        await HandOffAsync(route, PoolGraph.SterileConnector, ProcessFlowModel.StageValues.Pooling, Start);
        await HandOffAsync(route, PoolGraph.Centrifuge, ProcessFlowModel.StageValues.SoftSpin, Start.AddMinutes(40));
        await HandOffAsync(route, PoolGraph.Agitator, ProcessFlowModel.StageValues.Storage, Start.AddHours(2));
        // Released: its stage and end, its relationships removed, then the twin.
        var end = Start.AddDays(1);
        (await _graph.PatchAsync(Pool, ProcessFlowModel.Stage, ProcessFlowModel.StageValues.Released, end)).EnsureSuccessStatusCode();
        (await _graph.PatchAsync(Pool, ProcessFlowModel.EndTime, PoolDocuments.Time(end), end)).EnsureSuccessStatusCode();
        (await PoolTwins.DeleteProcessedByAsync(Client, Pool)).EnsureSuccessStatusCode();
        (await Client.DeleteAsync($"/digitaltwins/{Pool}/relationships/{ProcessFlowModel.LocatedAtId(Pool)}?{ApiVersion}")).EnsureSuccessStatusCode();
        (await Client.DeleteAsync($"/digitaltwins/{Pool}?{ApiVersion}")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/digitaltwins/{Pool}?{ApiVersion}")).StatusCode);

        var twins = (await HistoryAsync("twins", $"twinId={Pool}", expected: before + 2)).Skip(before).ToList();
        var relationships = (await HistoryAsync("relationships", $"twinId={Pool}", expected: relationshipsBefore + 4)).Skip(relationshipsBefore).ToList();
        var stages = (await HistoryAsync("properties", $"twinId={Pool}&key={ProcessFlowModel.Stage}", expected: stagesBefore + 5)).Skip(stagesBefore).ToList();
        var routes = (await HistoryAsync("properties", $"twinId={Pool}&key={ProcessFlowModel.Route}", expected: routesBefore + 3)).Skip(routesBefore).ToList();
        var ends = await HistoryAsync("properties", $"twinId={Pool}&key={ProcessFlowModel.EndTime}", expected: 1);

        // Created and deleted once, as a pool.
        Assert.Equal(["Create", "Delete"], twins.Select(r => r!["Action"]!.GetValue<string>()));
        Assert.All(twins, r => Assert.Equal(ProcessFlowModel.Id, r!["ModelId"]!.GetValue<string>()));
        // locatedAt and processedBy created, then deleted; processedBy's Create names the first device, its Delete the last.
        Assert.Equal(
            [$"{ProcessFlowModel.LocatedAt} Create {PoolDocuments.Lab}", $"{ProcessFlowModel.ProcessedBy} Create {PoolGraph.SterileConnector}",
             $"{ProcessFlowModel.ProcessedBy} Delete {PoolGraph.Agitator}", $"{ProcessFlowModel.LocatedAt} Delete {PoolDocuments.Lab}"],
            relationships.Select(r => $"{r!["Name"]} {r["Action"]} {r["Target"]}"));
        Assert.All(relationships, r => Assert.Equal(Pool, r!["Source"]!.GetValue<string>()));
        // The stages in order, each at its simulated instant; the route's last value is the whole journey.
        Assert.Equal(
            [ProcessFlowModel.StageValues.Pooling, ProcessFlowModel.StageValues.Pooling, ProcessFlowModel.StageValues.SoftSpin, ProcessFlowModel.StageValues.Storage, ProcessFlowModel.StageValues.Released],
            stages.Select(r => r!["Value"]!.GetValue<string>()));
        Assert.Equal([Start, Start, Start.AddMinutes(40), Start.AddHours(2), end], stages.Select(r => r!["SourceTimeStamp"]!.GetValue<DateTimeOffset>()));
        Assert.Equal([Start, Start.AddMinutes(40), Start.AddHours(2)], routes.Select(r => r!["SourceTimeStamp"]!.GetValue<DateTimeOffset>()));
        Assert.True(JsonNode.DeepEquals(route, routes[^1]!["Value"]));
        Assert.Equal(PoolDocuments.Time(end), Assert.Single(ends)!["Value"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_device_sees_the_pools_whose_processedBy_ended_with_it_and_the_lifecycle_rows_need_a_twin()
    {
        (await PoolTwins.DeleteProcessedByAsync(Client, PoolDocuments.PoolTwinId(2))).EnsureSuccessStatusCode();

        var atAgitator = await HistoryAsync("relationships", $"twinId={PoolGraph.Agitator}&name={ProcessFlowModel.ProcessedBy}", expected: 4);
        using var missing = await Client.GetAsync("/mockadt/history/relationships");

        // Created there: pools 2, 3 and 8 (pool 1 came by a move, which is no lifecycle row); deleted there: pool 2.
        Assert.Equal(
            [$"{PoolDocuments.PoolTwinId(2)} Create", $"{PoolDocuments.PoolTwinId(3)} Create", $"{PoolDocuments.PoolTwinId(8)} Create", $"{PoolDocuments.PoolTwinId(2)} Delete"],
            atAgitator.Select(r => $"{r!["Source"]} {r["Action"]}"));
        await AdtAssert.ErrorAsync(missing, 400, "MissingArgument");
    }
}
