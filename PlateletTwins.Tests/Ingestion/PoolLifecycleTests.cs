using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.IngestionService.DeadLetters;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.Ingestion.PoolMessages;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>
/// Pools' lifecycles (twins created, relationships put, moved and deleted, twins deleted) through the real intake into
/// MockAdt, in batches built as the simulator sends them: each step reaches ADT in the twin's order, and what is alive
/// at the end is exactly what the pools' last steps say.
/// </summary>
public sealed class PoolLifecycleTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_pools_whole_lifecycle_ends_with_its_twin_gone_and_the_data_history_holding_every_step_in_order()
    {
        await using var intake = await RunningIntake.StartAsync("run-pool");
        var journey = Journey("run-pool", 1, Route.Length, released: true, out _);
        await SendAsync(intake.Client, "run-pool", journey, size: 3);
        await PoolReads.WaitUntilDoneAsync(intake.Client, "run-pool", Within);

        using var adt = intake.Adt.CreateClient();
        var twinId = TwinId(1);
        Assert.Null(await PoolReads.TwinAsync(adt, twinId));
        Assert.Equal([(twinId, "Create"), (twinId, "Delete")], (await PoolReads.TwinLifecycleAsync(adt)).Where(r => r.TwinId == twinId));
        // Created after the twin, the last move's target in the delete row, removed before the twin.
        Assert.Equal(
        [
            (ProcessFlowModel.LocatedAtId(twinId), "Create", twinId, Lab),
            (ProcessFlowModel.ProcessedById(twinId), "Create", twinId, Route[0].Device),
            (ProcessFlowModel.ProcessedById(twinId), "Delete", twinId, Route[^1].Device),
            (ProcessFlowModel.LocatedAtId(twinId), "Delete", twinId, Lab),
        ], (await PoolReads.RelationshipLifecycleAsync(adt)).Where(r => r.Source == twinId));
        var history = await PoolReads.PropertyHistoryAsync(adt, twinId);
        Assert.Equal([.. Route.Select(r => r.Stage), "Released"], history.Where(h => h.Key == ProcessFlowModel.Stage).Select(h => h.Value!.GetValue<string>()));
        // Every hand-off, in order: each route one device longer than the one before.
        Assert.Equal([.. Route.Select(r => r.Device)],
            history.Last(h => h.Key == ProcessFlowModel.Route).Value!.AsArray().Select(e => e![ProcessFlowModel.RouteFields.DeviceId]!.GetValue<string>()));
        Assert.Equal(Enumerable.Range(1, Route.Length), history.Where(h => h.Key == ProcessFlowModel.Route).Select(h => h.Value!.AsArray().Count));
        Assert.Empty(intake.Ingestion.Services.GetRequiredService<DeadLetterStore>().List());
        var status = (await intake.Client.GetFromJsonAsync<JsonObject>("/api/runs/run-pool"))!;
        Assert.Equal(journey.Count(i => i.IsChange), status["changes"]!["acknowledged"]!.GetValue<long>());
        Assert.Equal(journey.Max(i => i.Sequence), status["twins"]![twinId]!["acknowledged"]!.GetValue<long>());
    }

    [Fact]
    public async Task Pools_alive_at_the_end_have_exactly_their_relationships_and_their_last_values()
    {
        await using var intake = await RunningIntake.StartAsync("run-alive");
        var expected = new List<Expected>();
        var journeys = new List<List<Item>>();
        for (var pool = 1; pool <= 12; pool++)
        {
            journeys.Add(Journey("run-alive", pool, 1 + pool % Route.Length, released: pool % 3 == 0, out var alive, minute: pool));
            if (alive is not null)
            {
                expected.Add(alive);
            }
        }
        await SendAsync(intake.Client, "run-alive", Interleave(journeys), size: 7);
        await PoolReads.WaitUntilDoneAsync(intake.Client, "run-alive", Within);

        using var adt = intake.Adt.CreateClient();
        foreach (var pool in expected)
        {
            var twin = (await PoolReads.TwinAsync(adt, pool.TwinId))!;
            Assert.Equal(ProcessFlowModel.Id, twin["$metadata"]!["$model"]!.GetValue<string>());
            foreach (var (name, value) in pool.Properties)
            {
                Assert.True(JsonNode.DeepEquals(PoolReads.Normal(value), PoolReads.Normal(twin[name])), $"{pool.TwinId}.{name}: expected {value?.ToJsonString()}, ADT has {twin[name]?.ToJsonString()}");
            }
            Assert.Equal(pool.Relationships.OrderBy(r => r.Key), (await PoolReads.RelationshipsAsync(adt, pool.TwinId)).OrderBy(r => r.Key));
        }
        for (var pool = 3; pool <= 12; pool += 3)
        {
            Assert.Null(await PoolReads.TwinAsync(adt, TwinId(pool)));
        }
        Assert.Empty(intake.Ingestion.Services.GetRequiredService<DeadLetterStore>().List());
    }

    [Fact]
    public async Task A_change_whose_kind_is_missing_null_or_not_as_written_is_refused_alone()
    {
        await using var intake = await RunningIntake.StartAsync("run-kinds");
        var time = IntakeMessages.Start;
        JsonObject Pool(int pool) => new() { [ProcessFlowModel.PoolId] = PoolId(pool), [ProcessFlowModel.LabId] = Lab, [ProcessFlowModel.Stage] = "Pooling" };
        var missing = Change(TwinId(2), 0, time, "createTwin", Pool(2));
        missing.Body.Remove("kind");
        var nulled = Change(TwinId(3), 0, time, "createTwin", Pool(3));
        nulled.Body["kind"] = null;
        List<Item> items = [Change(TwinId(1), 0, time, "createTwin", Pool(1)), missing, nulled, Change(TwinId(4), 0, time, "CreateTwin", Pool(4))];

        using var response = await intake.Client.PostAsJsonAsync("/api/telemetry", Batch("run-kinds", items));

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["", "UnknownKind", "UnknownKind", "UnknownKind"], body["results"]!.AsArray().Select(r => r!["code"]?.GetValue<string>() ?? ""));
        Assert.Equal(1, body["accepted"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_batch_with_bad_changes_gets_207_with_a_result_per_item_and_keeps_the_good_ones()
    {
        await using var intake = await RunningIntake.StartAsync("run-bad");
        var time = IntakeMessages.Start;
        var good = TwinId(1);
        var pool = new JsonObject { [ProcessFlowModel.PoolId] = PoolId(1), [ProcessFlowModel.LabId] = Lab, [ProcessFlowModel.Stage] = "Pooling" };
        List<Item> items =
        [
            Change(good, 0, time, "createTwin", pool),
            Put(good, 1, time, ProcessFlowModel.LocatedAt, Lab),
            Change(TwinId(2), 0, time, "createTwin", new JsonObject(), modelId: "dtmi:platelettwins:NoSuchModel;1"),
            Change(TwinId(3), 0, time, "createTwin", new JsonObject { [ProcessFlowModel.Stage] = "Boiling" }),
            Change(TwinId(4), 0, time, "createTwin", new JsonObject { ["rpm"] = 3000 }),
            Put(good, 2, time, "heldBy", Route[0].Device),
            Put(good, 3, time, ProcessFlowModel.ProcessedBy, "no-such-device"),
            Put(good, 4, time, ProcessFlowModel.ProcessedBy, Lab),
            Change(good, 5, time, "moveTwin", null),
            Change("separator-01", 0, time, "deleteTwin", null),
            Change("bad id!", 0, time, "createTwin", new JsonObject()),
            Change(TwinId(5), 0, time, "deleteTwin", null),
            Put(good, 6, time, ProcessFlowModel.ProcessedBy, Route[0].Device),
            new Item(good, 7, false, IntakeMessages.Update(good, 7, 5, new JsonObject { [ProcessFlowModel.Stage] = "SoftSpin" })),
            new Item(TwinId(6), 1, false, IntakeMessages.Update(TwinId(6), 1, 5, new JsonObject { [ProcessFlowModel.Stage] = "SoftSpin" })),
        ];
        using var response = await intake.Client.PostAsJsonAsync("/api/telemetry", Batch("run-bad", items));

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var results = body["results"]!.AsArray();
        // Updates first, then the changes, each in its array's order.
        Assert.Equal(["update", "update", .. Enumerable.Repeat("change", 13)], results.Select(r => r!["kind"]!.GetValue<string>()));
        Assert.Equal(["", "UnknownTwin", "", "", "UnknownModel", "WrongType", "UndeclaredProperty", "UndeclaredRelationship", "UnknownTarget",
            "WrongTarget", "UnknownKind", "NotManaged", "InvalidTwinId", "UnknownTwin", ""], results.Select(r => r!["code"]?.GetValue<string>() ?? ""));
        Assert.Equal(4, body["accepted"]!.GetValue<int>());

        await PoolReads.WaitUntilDoneAsync(intake.Client, "run-bad", Within);
        using var adt = intake.Adt.CreateClient();
        var twin = (await PoolReads.TwinAsync(adt, good))!;
        Assert.Equal("SoftSpin", twin[ProcessFlowModel.Stage]!.GetValue<string>());
        Assert.Equal(new Dictionary<string, string> { [ProcessFlowModel.LocatedAtId(good)] = Lab, [ProcessFlowModel.ProcessedById(good)] = Route[0].Device },
            await PoolReads.RelationshipsAsync(adt, good));
        Assert.NotNull(await PoolReads.TwinAsync(adt, "separator-01"));
        Assert.Empty(intake.Ingestion.Services.GetRequiredService<DeadLetterStore>().List());
    }

    [Fact]
    public async Task Updates_of_a_pool_whose_createTwin_is_not_yet_in_ADT_are_held_not_refused()
    {
        // Creates held back to two a second, so that each pool's updates, in the same batch, wait for its creation.
        await using var adt = await MockAdtHost.StartAsync();
        await using var ingestion = await IngestionHost.StartAsync(adt.Address, new Dictionary<string, string?> { ["Writes:CreateDeleteRate"] = "2" });
        using var client = ingestion.CreateClient();
        (await client.PostAsJsonAsync("/api/runs", IntakeMessages.Run("run-held"))).EnsureSuccessStatusCode();
        var journeys = Enumerable.Range(1, 4).Select(pool => Journey("run-held", pool, 2, released: false, out _)).ToList();
        // The updates ahead of the changes in the batch: the intake orders them by the twins' sequences.
        var items = journeys.SelectMany(j => j.Where(i => !i.IsChange)).Concat(journeys.SelectMany(j => j.Where(i => i.IsChange))).ToList();
        var answers = await SendAsync(client, "run-held", items, size: 100);

        Assert.Equal(items.Count, answers.Single()["accepted"]!.GetValue<int>());
        await PoolReads.WaitUntilDoneAsync(client, "run-held", Within);
        using var reader = adt.CreateClient();
        for (var pool = 1; pool <= 4; pool++)
        {
            var twin = (await PoolReads.TwinAsync(reader, TwinId(pool)))!;
            Assert.Equal(Route[1].Stage, twin[ProcessFlowModel.Stage]!.GetValue<string>());
            Assert.Equal(2, twin[ProcessFlowModel.Route]!.AsArray().Count);
            // The created value first, then the update's.
            Assert.Equal([Route[0].Stage, Route[1].Stage],
                (await PoolReads.PropertyHistoryAsync(reader, TwinId(pool))).Where(h => h.Key == ProcessFlowModel.Stage).Select(h => h.Value!.GetValue<string>()));
        }
        Assert.Empty(ingestion.Services.GetRequiredService<DeadLetterStore>().List());
    }
}
