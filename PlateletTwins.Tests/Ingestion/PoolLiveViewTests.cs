using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.Ingestion.PoolMessages;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>The live snapshot's pools: those ADT has, each with what ADT acknowledged of it (values, and its processedBy's device).</summary>
public sealed class PoolLiveViewTests
{
    [Fact]
    public async Task The_snapshot_lists_the_pools_ADT_has_with_their_stage_device_and_route()
    {
        await using var intake = await RunningIntake.StartAsync("run-live-pools");
        using var anonymous = new HttpClient { BaseAddress = intake.Ingestion.Address };
        await using var events = await SseReader.OpenAsync(anonymous, "/live/events");
        var journeys = new[]
        {
            Journey("run-live-pools", 1, 7, released: false, out _),
            Journey("run-live-pools", 2, Route.Length, released: true, out _),
            Journey("run-live-pools", 3, 1, released: false, out _),
        };
        await SendAsync(intake.Client, "run-live-pools", Interleave(journeys), size: 5);
        await PoolReads.WaitUntilDoneAsync(intake.Client, "run-live-pools", TimeSpan.FromSeconds(60));

        var pools = (await anonymous.GetFromJsonAsync<JsonObject>("/live/snapshot"))!["pools"]!.AsArray();

        Assert.Equal([TwinId(1), TwinId(3)], pools.Select(p => p!["twinId"]!.GetValue<string>()));
        var agitated = pools[0]!;
        Assert.Equal(PoolId(1), agitated["poolId"]!.GetValue<string>());
        Assert.Equal("A", agitated["bloodGroup"]!.GetValue<string>());
        Assert.Equal(Route[6].Stage, agitated["stage"]!.GetValue<string>());
        Assert.Equal(Route[6].Device, agitated["deviceId"]!.GetValue<string>());
        Assert.Equal([.. Route.Take(7).Select(r => r.Device)], agitated["route"]!.AsArray().Select(e => e![ProcessFlowModel.RouteFields.DeviceId]!.GetValue<string>()));
        Assert.NotNull(agitated["startTime"]);
        Assert.NotNull(agitated["expiryTime"]);
        Assert.Equal(Route[0].Device, pools[1]!["deviceId"]!.GetValue<string>());
        // The stream said so as it happened: the released pool's last word is its deletion.
        var seen = new List<(string Type, string Data)>();
        while (!seen.Any(e => e.Type == "poolDeleted"))
        {
            var item = await events.NextAsync(TimeSpan.FromSeconds(10));
            seen.Add((item.EventType, item.Data));
        }
        Assert.Contains(TwinId(2), seen.Single(e => e.Type == "poolDeleted").Data, StringComparison.Ordinal);
        Assert.Contains(seen, e => e.Type == "pool" && e.Data.Contains(TwinId(1), StringComparison.Ordinal));
    }
}
