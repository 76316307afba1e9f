using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.SimulatorService.Lab.Model;
using PlateletTwins.Tests.Infrastructure;
using PlateletTwins.Tests.Simulator.Pools;

namespace PlateletTwins.Tests.Distributed;

/// <summary>
/// The pools of the AppHost's run, through the three real processes: every pool the simulator made is a twin in ADT
/// that holds the simulator's own record of it, and the queries of <c>docs/queries.md</c> answer what the record says.
/// </summary>
[Collection(AppHostTestGroup.Name)]
public sealed class PoolTwinsTests(AppHostFixture fixture)
{
    [Fact]
    public async Task Every_pool_of_the_run_is_a_twin_holding_the_simulators_record_and_the_queries_find_it()
    {
        using var adt = fixture.CreateAdtClient();
        await EndToEndTests.WaitForCompletedRunAsync(adt, "platelet-lab");

        // The same lab, seed and retention, run here: the simulator's record of each pool.
        var run = PoolRun.Of(AppHostFixture.Profile, AppHostFixture.SeedOf("reference.json"), AppHostFixture.Hours);
        var twins = run.Twins;
        var expected = run.Pools.Where(p => p.DeletedAt is null).ToDictionary(p => twins.Pool(p.PoolId));
        Assert.True(expected.Count > 50, $"only {expected.Count} pools in {AppHostFixture.Hours} h");
        Assert.Contains(expected.Values, p => p.Outcome == PoolOutcome.Released);

        var pools = await Eventually.ReturnsAsync(
            () => QueryAsync(adt, $"SELECT P FROM DIGITALTWINS P WHERE IS_OF_MODEL(P, '{ProcessFlowModel.Id}') AND P.{ProcessFlowModel.LabId} = '{twins.Lab}'"),
            rows => rows.Count == expected.Count, TimeSpan.FromSeconds(30), $"{expected.Count} pool twins");
        foreach (var row in pools)
        {
            var twin = row!["P"]!;
            var id = twin["$dtId"]!.GetValue<string>();
            Assert.True(expected.TryGetValue(id, out var pool), $"{id} is in ADT but not in the simulator's record");
            Assert.Equal(pool.Stage, twin[ProcessFlowModel.Stage]!.GetValue<string>());
            Assert.Equal(pool.BloodGroup, twin[ProcessFlowModel.BloodGroup]!.GetValue<string>());
            Assert.Equal(pool.Donations.Select(d => d.UnitId), twin[ProcessFlowModel.Donations]!.AsArray().Select(d => d!.GetValue<string>()));
            Assert.Equal(pool.Route.Select(s => twins.Device(s.DeviceId)), twin[ProcessFlowModel.Route]!.AsArray().Select(s => s![ProcessFlowModel.RouteFields.DeviceId]!.GetValue<string>()));
            AssertTime(pool.ExpiryTime, twin[ProcessFlowModel.ExpiryTime], $"{id}.expiryTime");
            AssertTime(pool.StartTime, twin[ProcessFlowModel.StartTime], $"{id}.startTime");
        }

        // Where is each pool: the device of its processedBy, none once it has ended.
        foreach (var (id, pool) in expected)
        {
            var rows = await QueryAsync(adt, $"SELECT D.$dtId AS device FROM DIGITALTWINS P JOIN D RELATED P.{ProcessFlowModel.ProcessedBy} WHERE P.$dtId = '{id}'");
            Assert.Equal(pool.DeviceId is null ? [] : [twins.Device(pool.DeviceId)], rows.Select(r => r!["device"]!.GetValue<string>()));
        }

        // The pool that took a given donation, the other way round.
        var sample = expected.Values.OrderBy(p => p.Number).ElementAt(expected.Count / 2);
        var donation = sample.Donations[2].UnitId;
        var taker = await QueryAsync(adt, $"SELECT P.$dtId AS pool FROM DIGITALTWINS P WHERE IS_OF_MODEL(P, '{ProcessFlowModel.Id}') AND P.{ProcessFlowModel.LabId} = '{twins.Lab}' AND ARRAY_CONTAINS(P.{ProcessFlowModel.Donations}, '{donation}')");
        Assert.Equal([twins.Pool(sample.PoolId)], taker.Select(r => r!["pool"]!.GetValue<string>()));
    }

    private static void AssertTime(double minutes, JsonNode? value, string what)
    {
        Assert.True(value is not null, $"{what} is missing");
        var written = DateTimeOffset.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture);
        var simulated = AppHostFixture.SimulationStart.AddMinutes(minutes);
        Assert.True(Math.Abs((written - simulated).TotalMilliseconds) <= 1, $"{what}: {value} against minute {minutes} ({simulated:O})");
    }

    // Every page of a query's answer.
    private static async Task<List<JsonNode?>> QueryAsync(HttpClient adt, string query)
    {
        var rows = new List<JsonNode?>();
        string? continuation = null;
        do
        {
            using var response = await adt.PostAsJsonAsync("/query?api-version=2023-10-31", new { query, continuationToken = continuation });
            response.EnsureSuccessStatusCode();
            var page = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            rows.AddRange(page["value"]!.AsArray().Select(r => r?.DeepClone()));
            continuation = page["continuationToken"]?.GetValue<string>();
        }
        while (continuation is not null);
        return rows;
    }
}
