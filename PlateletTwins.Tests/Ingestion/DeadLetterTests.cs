using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.Ingestion.IntakeMessages;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>A write ADT refuses for good is kept with its reason, listed, and can be replayed once the cause is fixed.</summary>
public sealed class DeadLetterTests
{
    [Fact]
    public async Task A_refused_write_is_dead_lettered_with_its_reason_and_replays_once_the_twin_is_back()
    {
        await using var adt = await MockAdtHost.StartAsync();
        await using var ingestion = await IngestionHost.StartAsync(adt.Address);
        using var client = ingestion.CreateClient();
        using var admin = adt.CreateClient();
        (await client.PostAsJsonAsync("/api/runs", Run("run-dl"))).EnsureSuccessStatusCode();

        // The twin disappears behind the service's back.
        (await admin.DeleteAsync("/digitaltwins/platelet-lab/relationships/contains-label-station-01?api-version=2023-10-31")).EnsureSuccessStatusCode();
        (await admin.DeleteAsync("/digitaltwins/label-station-01?api-version=2023-10-31")).EnsureSuccessStatusCode();
        using var sent = await client.PostAsJsonAsync("/api/telemetry",
            Batch("run-dl", [Update("label-station-01", 1, 30, new JsonObject { ["status"] = "Processing", ["inUse"] = 1 })]));
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);

        JsonArray letters = [];
        for (var i = 0; i < 100 && letters.Count == 0; i++)
        {
            await Task.Delay(100);
            letters = (await client.GetFromJsonAsync<JsonArray>("/api/deadletters"))!;
        }
        var letter = Assert.Single(letters)!;
        Assert.Equal("label-station-01", letter["twinId"]!.GetValue<string>());
        Assert.Equal(404, letter["status"]!.GetValue<int>());
        Assert.Equal("DigitalTwinNotFound", letter["errorCode"]!.GetValue<string>());
        Assert.Equal("Processing", letter["properties"]!["status"]!["value"]!.GetValue<string>());

        // Fixed: the twin is back; the replay writes what was refused.
        var twin = new JsonObject { ["$metadata"] = new JsonObject { ["$model"] = "dtmi:platelettwins:devices:LabelStation;1" } };
        (await admin.PutAsJsonAsync("/digitaltwins/label-station-01?api-version=2023-10-31", twin)).EnsureSuccessStatusCode();
        using var replay = await client.PostAsync($"/api/deadletters/{letter["id"]}/replay", null);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);

        JsonObject? written = null;
        for (var i = 0; i < 100 && written?["status"] is null; i++)
        {
            await Task.Delay(100);
            written = await admin.GetFromJsonAsync<JsonObject>("/digitaltwins/label-station-01?api-version=2023-10-31");
        }
        Assert.Equal("Processing", written!["status"]!.GetValue<string>());
        Assert.Equal("2026-01-05T07:30:00.0000000Z", written["$metadata"]!["status"]!["sourceTime"]!.GetValue<string>());
        Assert.Empty((await client.GetFromJsonAsync<JsonArray>("/api/deadletters"))!);
        using var again = await client.PostAsync($"/api/deadletters/{letter["id"]}/replay", null);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }
}
