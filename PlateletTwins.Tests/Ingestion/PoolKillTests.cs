using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.Tests.Faults;
using PlateletTwins.Tests.Infrastructure;
using Xunit.Abstractions;
using static PlateletTwins.Tests.Ingestion.PoolMessages;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>
/// The ingestion service killed (SIGKILL) in the middle of pools' lifecycles, with MockAdt (cloud profile) and the
/// service as processes of their own: once it is started again and the producer has resent what it had no answer
/// for, no change is lost and none is done twice. Each pool twin is created once and, if released, deleted once; each
/// relationship likewise; the graph at the end is exactly what the pools' last steps say.
/// </summary>
[Collection(FaultTestGroup.Name)]
public sealed class PoolKillTests(ITestOutputHelper output)
{
    private const string RunId = "run-pool-kill";

    [Fact]
    public async Task The_ingestion_service_killed_mid_lifecycle_loses_no_change_and_repeats_none()
    {
        await using var lab = new FaultLab();
        // Checkpoints far apart: at the kill, much that ADT has done is not yet in the service's stored state, so the
        // journal's replay meets changes ADT already took (a twin created and deleted must not be created again).
        lab.IngestionSettings["Storage__CheckpointInterval"] = "00:01:00";
        await lab.StartAdtAsync();
        await lab.StartIngestionAsync();
        using (var intake = lab.IntakeClient())
        {
            (await intake.PostAsJsonAsync("/api/runs", IntakeMessages.Run(RunId))).EnsureSuccessStatusCode();
        }
        const int pools = 40;
        var expected = new List<Expected>();
        var journeys = new List<List<Item>>();
        for (var pool = 1; pool <= pools; pool++)
        {
            journeys.Add(Journey(RunId, pool, 1 + pool % Route.Length, released: pool % 8 < 5, out var alive, minute: pool));
            if (alive is not null)
            {
                expected.Add(alive);
            }
        }
        // In two waves: the first wave's pools are done (some deleted) while the second's are still being sent.
        var items = Interleave(journeys.Take(pools / 2)).Concat(Interleave(journeys.Skip(pools / 2))).ToList();
        var sending = SendThroughCrashesAsync(lab, items.Chunk(20).ToList());

        await WaitForAsync(lab, status => status["changes"]!["acknowledged"]!.GetValue<long>() > 130 && status["changes"]!["pending"]!.GetValue<long>() > 0,
            "130 changes in ADT and more pending");
        var stillSending = !sending.IsCompleted;
        await lab.Ingestion!.KillAsync();
        await lab.StartIngestionAsync();
        var resent = await sending;

        using var client = lab.IntakeClient();
        await PoolReads.WaitUntilDoneAsync(client, RunId, TimeSpan.FromSeconds(120));
        using var adt = lab.AdtClient();
        var twins = await PoolReads.TwinLifecycleAsync(adt);
        var relationships = await PoolReads.RelationshipLifecycleAsync(adt);
        for (var pool = 1; pool <= pools; pool++)
        {
            var twinId = TwinId(pool);
            var released = expected.All(e => e.TwinId != twinId);
            string[] lifecycle = released ? ["Create", "Delete"] : ["Create"];
            Assert.Equal(lifecycle, twins.Where(r => r.TwinId == twinId).Select(r => r.Action));
            foreach (var id in new[] { ProcessFlowModel.LocatedAtId(twinId), ProcessFlowModel.ProcessedById(twinId) })
            {
                Assert.Equal(lifecycle, relationships.Where(r => r.Id == id).Select(r => r.Action));
            }
            if (released)
            {
                Assert.Null(await PoolReads.TwinAsync(adt, twinId));
            }
        }
        foreach (var pool in expected)
        {
            var twin = (await PoolReads.TwinAsync(adt, pool.TwinId))!;
            Assert.Equal(pool.Properties[ProcessFlowModel.Stage]!.GetValue<string>(), twin[ProcessFlowModel.Stage]!.GetValue<string>());
            Assert.Equal(pool.Properties[ProcessFlowModel.Route]!.AsArray().Count, twin[ProcessFlowModel.Route]!.AsArray().Count);
            Assert.Equal(pool.Relationships.OrderBy(r => r.Key), (await PoolReads.RelationshipsAsync(adt, pool.TwinId)).OrderBy(r => r.Key));
        }
        // Nothing else of the lab's pools is left (the query shows what was written a moment ago only after its lag).
        await Eventually.TrueAsync(async () => (await PoolReads.PoolIdsAsync(adt, Lab)).Order().SequenceEqual(expected.Select(e => e.TwinId).Order()),
            TimeSpan.FromSeconds(15), "the query finding exactly the pools alive");
        Assert.Equal("[]", await client.GetStringAsync("/api/deadletters"));
        output.WriteLine($"{pools} pools, {items.Count(i => i.IsChange)} changes and {items.Count(i => !i.IsChange)} updates; {resent} batches unanswered at the kill, offered again with the one before; killed while sending: {stillSending}");
    }

    // As a producer does: a batch without an answer (the service was down, or died before answering) is offered again,
    // and, once one was, the batch before it too (its answer may have been the last thing the service said): every item
    // of it the service had is taken again and done once.
    private static async Task<int> SendThroughCrashesAsync(FaultLab lab, List<Item[]> batches)
    {
        var resent = 0;
        using var client = lab.IntakeClient();
        for (var i = 0; i < batches.Count; i++)
        {
            if (await SendAsync(client, batches[i]) && i > 0)
            {
                resent++;
                await SendAsync(client, batches[i - 1]);
            }
            // Paced by what is still pending, so that the kill falls in the middle of the sending and of the lifecycles.
            await WhilePendingAsync(client, 30);
        }
        return resent;
    }

    // Pacing: the sending waits until fewer than `most` changes are pending, or the service does not answer (the kill
    // may fall in the wait; the sending goes on and offers again what got no answer).
    private static Task WhilePendingAsync(HttpClient client, long most) =>
        Eventually.TrueAsync(async () =>
        {
            try
            {
                var status = await client.GetFromJsonAsync<JsonObject>($"/api/runs/{RunId}");
                return status!["changes"]!["pending"]!.GetValue<long>() < most;
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
                return true;
            }
        }, TimeSpan.FromSeconds(60), $"fewer than {most} changes of {RunId} pending (the writer draining them)");

    // Returns whether an attempt got no answer.
    private static async Task<bool> SendAsync(HttpClient client, Item[] batch)
    {
        var unanswered = false;
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                using var response = await client.PostAsJsonAsync("/api/telemetry", Batch(RunId, batch));
                Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable,
                    $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                return response.StatusCode is HttpStatusCode.Accepted;
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
                unanswered = true;
                return false;
            }
        }, TimeSpan.FromSeconds(120), "the intake taking a batch");
        return unanswered;
    }

    private static async Task WaitForAsync(FaultLab lab, Func<JsonObject, bool> until, string what)
    {
        using var intake = lab.IntakeClient();
        await Eventually.ReturnsAsync(async () =>
        {
            using var response = await intake.GetAsync($"/api/runs/{RunId}");
            return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonObject>())! : new JsonObject();
        }, status => status.ContainsKey("changes") && until(status), TimeSpan.FromSeconds(60), what);
    }
}
