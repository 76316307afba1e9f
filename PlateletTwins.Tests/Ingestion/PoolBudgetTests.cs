using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.IngestionService.DeadLetters;
using PlateletTwins.IngestionService.Scheduling;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.Ingestion.PoolMessages;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>
/// ADT's budgets under MockAdt's cloud profile: pools moving through one busy device share its 10 writes a second
/// with the device's own state writes, and the lab's with every pool's locatedAt. The writer keeps within them (it
/// charges a relationship change to its source, its target and a move's old target, whichever of them ADT charges),
/// so nothing is ever answered 429, and every state write of the device still lands.
/// </summary>
public sealed class PoolBudgetTests
{
    private const string Busy = "centrifuge-03";

    [Fact]
    public async Task Many_pools_moving_through_one_device_are_never_throttled_and_the_devices_own_writes_all_land()
    {
        await using var adt = await MockAdtHost.StartAsync(new Dictionary<string, string?> { ["MockAdt:Limits:Profile"] = "cloud" });
        await using var ingestion = await IngestionHost.StartAsync(adt.Address);
        using var client = ingestion.CreateClient();
        var run = IntakeMessages.Run("run-busy");
        // Lossless: each of the device's updates is a write of its own, none coalesced, so each must find room in its budget.
        run["lossless"] = true;
        await SendUntilAcceptedAsync(client, run);

        const int pools = 30;
        // Through the sterile connector and the pooling station into the busy centrifuge, and on to the separator.
        var journeys = Enumerable.Range(1, pools).Select(pool => Journey("run-busy", pool, 4, released: false, out _)).ToList();
        var device = Enumerable.Range(1, 40).Select(i => new Item(Busy, i, false,
            IntakeMessages.Update(Busy, i, i, new JsonObject { [DeviceModel.InUse] = i % 7, [DeviceModel.QueueLength] = i }))).ToList();
        var items = Interleave([.. journeys, device]);
        // A monotonic clock: the wall clock may step (NTP) while the run is written.
        var started = Stopwatch.GetTimestamp();
        await SendAsync(client, "run-busy", items, size: 25);
        await PoolReads.WaitUntilDoneAsync(client, "run-busy", TimeSpan.FromSeconds(90));
        var elapsed = Stopwatch.GetElapsedTime(started);

        Assert.Equal(0, ingestion.Services.GetRequiredService<AdaptiveRateLimiter>().Throttled);
        Assert.Empty(ingestion.Services.GetRequiredService<DeadLetterStore>().List());
        using var reader = adt.CreateClient();
        var history = await PoolReads.PropertyHistoryAsync(reader, Busy);
        Assert.Equal(Enumerable.Range(1, 40), history.Where(h => h.Key == DeviceModel.QueueLength).Select(h => h.Value!.GetValue<int>()));
        for (var pool = 1; pool <= pools; pool++)
        {
            Assert.Equal(Route[3].Device, (await PoolReads.RelationshipsAsync(reader, TwinId(pool)))[ProcessFlowModel.ProcessedById(TwinId(pool))]);
        }
        // The busy device's budget: each pool came in and went out (two relationship changes), beside its own 40 writes.
        var floor = TimeSpan.FromSeconds((2 * pools + 40) / 10.0) - TimeSpan.FromSeconds(1.5);
        Assert.True(elapsed > floor, $"{elapsed} for what needs at least {floor} at 10 writes a second on {Busy}: the budget was not kept");
    }

    private static async Task SendUntilAcceptedAsync(HttpClient client, JsonObject run)
    {
        using var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(client, "/api/runs", run);
        response.EnsureSuccessStatusCode();
    }
}
