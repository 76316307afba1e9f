using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.Ingestion.IntakeMessages;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>
/// What ADT refuses for good is isolated to the property it refuses, kept with its reason, listed, and can be replayed
/// once the cause is fixed; a twin that vanished is not a dead letter but is provisioned again.
/// </summary>
public sealed class DeadLetterTests
{
    private const string Api = "?api-version=2023-10-31";
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_twin_deleted_behind_the_service_is_provisioned_again_and_written_whole()
    {
        await using var adt = await MockAdtHost.StartAsync();
        await using var ingestion = await IngestionHost.StartAsync(adt.Address);
        using var client = ingestion.CreateClient();
        using var admin = adt.CreateClient();
        (await client.PostAsJsonAsync("/api/runs", Run("run-gone"))).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/telemetry", Batch("run-gone", [Update("label-station-01", 1, 30, new JsonObject { ["status"] = "Processing", ["inUse"] = 1 })]))).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(async () => (await admin.GetFromJsonAsync<JsonObject>($"/digitaltwins/label-station-01{Api}"))!["status"] is not null, Within, "the first write");

        (await admin.DeleteAsync($"/digitaltwins/platelet-lab/relationships/contains-label-station-01{Api}")).EnsureSuccessStatusCode();
        (await admin.DeleteAsync($"/digitaltwins/label-station-01{Api}")).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/telemetry", Batch("run-gone", [Update("label-station-01", 2, 31, new JsonObject { ["queueLength"] = 3 })]))).EnsureSuccessStatusCode();

        var twin = await Eventually.ReturnsAsync(() => TryGetAsync(admin, "/digitaltwins/label-station-01"), t => t?["queueLength"] is not null, Within, "the twin back with the new value");
        // Whole: what ADT had acknowledged before it vanished came back with the new value.
        Assert.Equal("Processing", twin!["status"]!.GetValue<string>());
        Assert.Equal(1, twin["inUse"]!.GetValue<int>());
        Assert.Equal(3, twin["queueLength"]!.GetValue<int>());
        Assert.NotNull(await TryGetAsync(admin, "/digitaltwins/platelet-lab/relationships/contains-label-station-01"));
        Assert.Empty((await client.GetFromJsonAsync<JsonArray>("/api/deadletters"))!);
        // An operator sees that part of the graph had to be provisioned again.
        var health = await ingestion.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Degraded, health.Entries["adt"].Status);
    }

    [Fact]
    public async Task A_property_ADT_refuses_is_dead_lettered_alone_the_rest_lands_and_the_letter_replays_once_fixed()
    {
        await using var adt = await MockAdtHost.StartAsync();
        await using var ingestion = await IngestionHost.StartAsync(adt.Address);
        using var client = ingestion.CreateClient();
        using var admin = adt.CreateClient();
        (await client.PostAsJsonAsync("/api/runs", Run("run-dl"))).EnsureSuccessStatusCode();

        // Behind the service's back, the twin is made again of a model that has 'status' and not 'inUse'.
        JsonArray narrow = [new JsonObject
        {
            ["@context"] = "dtmi:dtdl:context;3", ["@id"] = "dtmi:test:Narrow;1", ["@type"] = "Interface",
            ["contents"] = new JsonArray(new JsonObject { ["@type"] = "Property", ["name"] = "status", ["schema"] = "string" }),
        }];
        (await admin.PostAsJsonAsync($"/models{Api}", narrow)).EnsureSuccessStatusCode();
        (await admin.DeleteAsync($"/digitaltwins/platelet-lab/relationships/contains-label-station-01{Api}")).EnsureSuccessStatusCode();
        (await admin.DeleteAsync($"/digitaltwins/label-station-01{Api}")).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/digitaltwins/label-station-01{Api}", new JsonObject { ["$metadata"] = new JsonObject { ["$model"] = "dtmi:test:Narrow;1" } })).EnsureSuccessStatusCode();

        using var sent = await client.PostAsJsonAsync("/api/telemetry",
            Batch("run-dl", [Update("label-station-01", 1, 30, new JsonObject { ["status"] = "Processing", ["inUse"] = 1 })]));
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);

        var letters = await Eventually.ReturnsAsync(async () => (await client.GetFromJsonAsync<JsonArray>("/api/deadletters"))!, l => l.Count > 0, Within, "a dead letter");
        var letter = Assert.Single(letters)!;
        Assert.Equal("label-station-01", letter["twinId"]!.GetValue<string>());
        Assert.Equal(400, letter["status"]!.GetValue<int>());
        Assert.Equal("run-dl", letter["runId"]!.GetValue<string>());
        var refused = Assert.Single(letter["properties"]!.AsObject());
        Assert.Equal("inUse", refused.Key);
        // The good value landed.
        Assert.Equal("Processing", (await TryGetAsync(admin, "/digitaltwins/label-station-01"))!["status"]!.GetValue<string>());

        // Fixed: the twin is of its own model again; the replay writes what was refused.
        (await admin.DeleteAsync($"/digitaltwins/label-station-01{Api}")).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/digitaltwins/label-station-01{Api}", new JsonObject { ["$metadata"] = new JsonObject { ["$model"] = "dtmi:platelettwins:devices:LabelStation;1" } })).EnsureSuccessStatusCode();
        using var replay = await client.PostAsync($"/api/deadletters/{letter["id"]}/replay", null);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);

        var written = await Eventually.ReturnsAsync(() => TryGetAsync(admin, "/digitaltwins/label-station-01"), t => t?["inUse"] is not null, Within, "the replayed value");
        Assert.Equal(1, written!["inUse"]!.GetValue<int>());
        Assert.Equal("2026-01-05T07:30:00.0000000Z", written["$metadata"]!["inUse"]!["sourceTime"]!.GetValue<string>());
        Assert.Empty((await client.GetFromJsonAsync<JsonArray>("/api/deadletters"))!);
        using var again = await client.PostAsync($"/api/deadletters/{letter["id"]}/replay", null);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    private static async Task<JsonObject?> TryGetAsync(HttpClient admin, string path)
    {
        using var response = await admin.GetAsync(path + Api);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
    }
}
