using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.IngestionService.DeadLetters;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.Ingestion.PoolMessages;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>
/// A new run of a lab supersedes the earlier run's pools: when it starts, the pools the earlier run left in ADT are
/// deleted (relationships first), those it was still writing are not written after, and the new run's pools, which
/// count from P000001 again, are its own.
/// </summary>
public sealed class PoolRunSupersedeTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_second_run_of_the_lab_deletes_the_first_runs_pools_before_it_writes_its_own()
    {
        await using var intake = await RunningIntake.StartAsync("run-first");
        var journeys = Enumerable.Range(1, 6).Select(pool => Journey("run-first", pool, 1 + pool, released: pool == 2, out _)).ToList();
        await SendAsync(intake.Client, "run-first", Interleave(journeys), size: 10);
        await PoolReads.WaitUntilDoneAsync(intake.Client, "run-first", Within);
        using var adt = intake.Adt.CreateClient();
        Assert.NotNull(await PoolReads.TwinAsync(adt, TwinId(1)));

        (await intake.Client.PostAsJsonAsync("/api/runs", IntakeMessages.Run("run-second"))).EnsureSuccessStatusCode();

        // Gone by the time the start is answered.
        for (var pool = 1; pool <= 6; pool++)
        {
            Assert.Null(await PoolReads.TwinAsync(adt, TwinId(pool)));
        }
        await SendAsync(intake.Client, "run-second", Journey("run-second", 1, 3, released: false, out _), size: 4);
        await PoolReads.WaitUntilDoneAsync(intake.Client, "run-second", Within);

        var twin = (await PoolReads.TwinAsync(adt, TwinId(1)))!;
        Assert.Equal("run-second", twin[ProcessFlowModel.RunId]!.GetValue<string>());
        Assert.Equal(["Create", "Delete", "Create"], (await PoolReads.TwinLifecycleAsync(adt)).Where(r => r.TwinId == TwinId(1)).Select(r => r.Action));
        // The first run's relationships of the pool were deleted before the twin, the second run's created after.
        Assert.Equal(["Create", "Create", "Delete", "Delete", "Create", "Create"],
            (await PoolReads.RelationshipLifecycleAsync(adt)).Where(r => r.Source == TwinId(1)).Select(r => r.Action));
        Assert.Equal(new Dictionary<string, string> { [ProcessFlowModel.LocatedAtId(TwinId(1))] = Lab, [ProcessFlowModel.ProcessedById(TwinId(1))] = Route[2].Device },
            await PoolReads.RelationshipsAsync(adt, TwinId(1)));
        Assert.Empty(intake.Ingestion.Services.GetRequiredService<DeadLetterStore>().List());
    }

    [Fact]
    public async Task What_the_first_run_still_had_to_write_of_its_pools_is_not_written_after_the_second_run_starts()
    {
        const int pools = 30;
        // Creates and deletes held back to five a second: the first run's 150 changes take 30 s to write, and the first
        // run writes on until the second one is provisioned, which waits its turn in the same budget.
        await using var adt = await MockAdtHost.StartAsync();
        await using var ingestion = await IngestionHost.StartAsync(adt.Address, new Dictionary<string, string?> { ["Writes:CreateDeleteRate"] = "5" });
        using var client = ingestion.CreateClient();
        (await client.PostAsJsonAsync("/api/runs", IntakeMessages.Run("run-slow-first"))).EnsureSuccessStatusCode();
        var journeys = Enumerable.Range(1, pools).Select(pool => Journey("run-slow-first", pool, 3, released: false, out _)).ToList();
        await SendAsync(client, "run-slow-first", Interleave(journeys), size: 50);
        // The second run starts once the first one's writes have begun to land in ADT, with more still to write.
        var underWay = await Eventually.ReturnsAsync(() => client.GetFromJsonAsync<JsonObject>("/api/runs/run-slow-first"),
            status => status?["changes"]?["acknowledged"]?.GetValue<long>() > 0 && status!["changes"]!["pending"]!.GetValue<long>() > 0,
            Within, "the first run's writes under way");

        (await client.PostAsJsonAsync("/api/runs", IntakeMessages.Run("run-slow-second"))).EnsureSuccessStatusCode();
        var first = await PoolReads.WaitUntilDoneAsync(client, "run-slow-first", Within);

        Assert.True(first["changes"]!["superseded"]!.GetValue<long>() > 0, $"the first run had nothing left to write: when the second started {underWay}; at its end {first}");
        using var reader = adt.CreateClient();
        for (var pool = 1; pool <= pools; pool++)
        {
            Assert.Null(await PoolReads.TwinAsync(reader, TwinId(pool)));
        }
        Assert.Empty(ingestion.Services.GetRequiredService<DeadLetterStore>().List());
    }
}
