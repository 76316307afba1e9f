using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.IngestionService.DeadLetters;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.Ingestion.PoolMessages;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>
/// ADT emptied under a run that has pools in the lab (an instance restored, an emulator restarted without its graph):
/// the intake provisions the lab again and creates every pool it knew alive again as ADT had it, with its
/// relationships, so that the pools' later steps land and the graph at the end is exactly what their last steps say.
/// </summary>
public sealed class PoolRecoveryTests
{
    private const string RunId = "run-pool-recovery";

    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Pools_alive_when_ADT_lost_its_graph_are_created_again_and_their_later_steps_land()
    {
        await using var intake = await RunningIntake.StartAsync(RunId);
        var expected = new List<Expected>();
        var before = new List<List<Item>>();
        var after = new List<List<Item>>();
        for (var pool = 1; pool <= 12; pool++)
        {
            var journey = Journey(RunId, pool, 1 + pool % Route.Length, released: pool % 3 == 0, out var alive, minute: pool);
            if (alive is not null)
            {
                expected.Add(alive);
            }
            // A third of the pools had done all they will do before the loss: nothing of theirs comes after it.
            var cut = pool % 4 == 1 ? journey.Count : journey.Count / 2;
            before.Add(journey[..cut]);
            after.Add(journey[cut..]);
        }
        await SendAsync(intake.Client, RunId, Interleave(before), size: 7);
        await PoolReads.WaitUntilDoneAsync(intake.Client, RunId, Within);
        using var adt = intake.Adt.CreateClient();
        var lost = await EmptyAsync(adt);
        Assert.Contains(TwinId(1), lost);

        await SendAsync(intake.Client, RunId, Interleave(after), size: 7);
        await PoolReads.WaitUntilDoneAsync(intake.Client, RunId, Within);

        // The pools that sent nothing after the loss come back through the others' recovery: waited for, not assumed.
        await Eventually.TrueAsync(async () => (await PoolReads.PoolIdsAsync(adt, Lab)).Order().SequenceEqual(expected.Select(e => e.TwinId).Order()),
            TimeSpan.FromSeconds(30), "the query finding exactly the pools alive");
        foreach (var pool in expected)
        {
            var twin = await Eventually.ReturnsAsync(() => PoolReads.TwinAsync(adt, pool.TwinId), t => t is not null, Within, $"{pool.TwinId} in ADT");
            Assert.Equal(ProcessFlowModel.Id, twin!["$metadata"]!["$model"]!.GetValue<string>());
            foreach (var (name, value) in pool.Properties)
            {
                Assert.True(JsonNode.DeepEquals(PoolReads.Normal(value), PoolReads.Normal(twin[name])), $"{pool.TwinId}.{name}: expected {value?.ToJsonString()}, ADT has {twin[name]?.ToJsonString()}");
            }
            await Eventually.TrueAsync(async () => pool.Relationships.OrderBy(r => r.Key).SequenceEqual((await PoolReads.RelationshipsAsync(adt, pool.TwinId)).OrderBy(r => r.Key)),
                Within, $"{pool.TwinId}'s relationships {string.Join(", ", pool.Relationships)}");
        }
        for (var pool = 3; pool <= 12; pool += 3)
        {
            Assert.Null(await PoolReads.TwinAsync(adt, TwinId(pool)));
        }
        // Each pool twin alive at the loss was created once by its run and once by the recovery; none more.
        var lifecycle = await PoolReads.TwinLifecycleAsync(adt);
        foreach (var pool in expected.Where(p => lost.Contains(p.TwinId)))
        {
            Assert.Equal(["Create", "Delete", "Create"], lifecycle.Where(r => r.TwinId == pool.TwinId).Select(r => r.Action));
        }
        Assert.NotNull(await PoolReads.TwinAsync(adt, Route[0].Device));
        Assert.Empty(intake.Ingestion.Services.GetRequiredService<DeadLetterStore>().List());
    }

    // Every relationship, then every twin: what an instance restored empty has lost. Returns the twins deleted.
    private static async Task<List<string>> EmptyAsync(HttpClient adt)
    {
        using var response = await adt.PostAsJsonAsync("/query?api-version=2023-10-31", new JsonObject { ["query"] = "SELECT T.$dtId AS id FROM DIGITALTWINS T" });
        var page = await AdtAssert.JsonAsync(response);
        Assert.Null(page["continuationToken"]);
        var twins = page["value"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToList();
        foreach (var twin in twins)
        {
            foreach (var relationship in (await PoolReads.RelationshipsAsync(adt, twin)).Keys)
            {
                (await adt.DeleteAsync($"/digitaltwins/{twin}/relationships/{relationship}?api-version=2023-10-31")).EnsureSuccessStatusCode();
            }
        }
        foreach (var twin in twins)
        {
            (await adt.DeleteAsync($"/digitaltwins/{twin}?api-version=2023-10-31")).EnsureSuccessStatusCode();
        }
        return twins;
    }
}
