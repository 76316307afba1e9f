using System.Text.Json.Nodes;
using Xunit.Abstractions;
using static PlateletTwins.Tests.MockAdt.HttpFuzz.HttpFuzzHost;

namespace PlateletTwins.Tests.MockAdt.HttpFuzz;

/// <summary>
/// Concurrent requests on the same resources, seeded: writes and deletes of one twin, of one relationship and of the
/// twins at its ends, and a model deleted while twins of it are created. No answer is a 5xx, and what is left is
/// consistent (a twin's ETag header is its $etag; relationships are listed at both ends or at neither; a model uploaded
/// again after a delete is the new one).
/// </summary>
public sealed class HttpFuzzRaceTests(HttpFuzzHost adt, ITestOutputHelper output) : IClassFixture<HttpFuzzHost>
{
    private const int Workers = 6;

    [Fact]
    public async Task Concurrent_patches_puts_and_deletes_of_one_twin_never_fail()
    {
        var client = adt.Client(output);
        var id = await HttpFuzzHost.CreateRoomAsync(client);
        var path = $"/digitaltwins/{id}?{Api}";
        var room = FuzzModels.RoomTwin().ToJsonString();
        var stale = (await client.GetAsync(path)).ETag!;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            var random = new Random(1400 + w);
            // One client per worker: FuzzClient's counters are not shared across threads.
            var mine = adt.Client(output);
            for (var i = 0; i < 40; i++)
            {
                switch (random.Next(6))
                {
                    case 0:
                        await mine.SendAsync(HttpMethod.Delete, path);
                        break;
                    case 1:
                        await mine.SendJsonAsync(HttpMethod.Put, path, room);
                        break;
                    case 2:
                        await mine.SendJsonAsync(HttpMethod.Patch, path, $$"""[{"op":"add","path":"/count","value":{{i}}}]""", headers: h => h.TryAddWithoutValidation("If-Match", stale));
                        break;
                    case 3:
                        await mine.SendJsonAsync(HttpMethod.Patch, path, $$"""[{"op":"add","path":"/thermostat/setPoint","value":{{i}}}]""");
                        break;
                    default:
                        await mine.SendJsonAsync(HttpMethod.Patch, path, $$"""[{"op":"add","path":"/count","value":{{i}}},{"op":"add","path":"/tags/w{{w}}","value":{{i}}}]""");
                        break;
                }
            }
            Merge(client, mine);
        })));
        var final = await client.GetAsync(path);
        if (final.Status == 200 && JsonNode.Parse(final.Body)!["$etag"]!.GetValue<string>() != final.ETag)
        {
            client.Fail($"the twin's ETag header {final.ETag} is not its $etag: {final.Text}");
        }
        client.AssertClean(nameof(Concurrent_patches_puts_and_deletes_of_one_twin_never_fail));
    }

    [Fact]
    public async Task Concurrent_relationship_writes_and_twin_deletes_never_fail_and_leave_both_ends_consistent()
    {
        var client = adt.Client(output);
        var source = await HttpFuzzHost.CreateRoomAsync(client);
        string[] targets = [await HttpFuzzHost.CreateRoomAsync(client), await HttpFuzzHost.CreateRoomAsync(client)];
        var room = FuzzModels.RoomTwin().ToJsonString();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            var random = new Random(1500 + w);
            var mine = adt.Client(output);
            for (var i = 0; i < 40; i++)
            {
                var target = targets[random.Next(targets.Length)];
                var relationship = $"/digitaltwins/{source}/relationships/r{random.Next(2)}?{Api}";
                switch (random.Next(6))
                {
                    case 0:
                        await mine.SendJsonAsync(HttpMethod.Put, relationship, FuzzModels.Relationship(target, i).ToJsonString());
                        break;
                    case 1:
                        await mine.SendJsonAsync(HttpMethod.Patch, relationship, $$"""[{"op":"add","path":"/weight","value":{{i}}}]""");
                        break;
                    case 2:
                        await mine.SendAsync(HttpMethod.Delete, relationship);
                        break;
                    case 3:
                        await mine.SendAsync(HttpMethod.Delete, $"/digitaltwins/{target}?{Api}");
                        break;
                    case 4:
                        await mine.SendJsonAsync(HttpMethod.Put, $"/digitaltwins/{target}?{Api}", room);
                        break;
                    default:
                        await mine.GetAsync($"/digitaltwins/{target}/incomingrelationships?{Api}");
                        break;
                }
            }
            Merge(client, mine);
        })));
        var outgoing = JsonNode.Parse((await client.GetAsync($"/digitaltwins/{source}/relationships?{Api}")).Body)!["value"]!.AsArray();
        foreach (var target in targets)
        {
            var twin = await client.GetAsync($"/digitaltwins/{target}?{Api}");
            var toTarget = outgoing.Where(r => r!["$targetId"]!.GetValue<string>() == target).Select(r => r!["$relationshipId"]!.GetValue<string>()).Order().ToList();
            if (twin.Status == 404)
            {
                if (toTarget.Count > 0)
                {
                    client.Fail($"relationships {string.Join(", ", toTarget)} point at {target}, which was deleted");
                }
                continue;
            }
            var incoming = JsonNode.Parse((await client.GetAsync($"/digitaltwins/{target}/incomingrelationships?{Api}")).Body)!["value"]!.AsArray()
                .Select(r => r!["$relationshipId"]!.GetValue<string>()).Order().ToList();
            if (!incoming.SequenceEqual(toTarget))
            {
                client.Fail($"{target} lists incoming [{string.Join(", ", incoming)}] but its source has [{string.Join(", ", toTarget)}] to it");
            }
        }
        client.AssertClean(nameof(Concurrent_relationship_writes_and_twin_deletes_never_fail_and_leave_both_ends_consistent));
    }

    [Fact]
    public async Task A_model_deleted_while_twins_of_it_are_created_never_fails_and_its_new_upload_is_the_one_used()
    {
        var client = adt.Client(output);
        for (var round = 0; round < 12; round++)
        {
            var id = $"dtmi:fuzz:race:M{round};1";
            var path = $"/models/{Uri.EscapeDataString(id)}?{Api}";
            Assert.Equal(201, (await client.SendJsonAsync(HttpMethod.Post, $"/models?{Api}", Model(id, "a"))).Status);
            var twin = $$"""{"$metadata":{"$model":"{{id}}"},"a":1}""";
            var round1 = round;
            await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
            {
                var mine = adt.Client(output);
                if (w == 0)
                {
                    await mine.SendAsync(HttpMethod.Delete, path);
                }
                for (var i = 0; i < 8; i++)
                {
                    var twinPath = $"/digitaltwins/race-{round1}-{w}-{i}?{Api}";
                    await mine.SendJsonAsync(HttpMethod.Put, twinPath, twin);
                    await mine.SendJsonAsync(HttpMethod.Patch, twinPath, """[{"op":"add","path":"/a","value":2}]""");
                    await mine.GetAsync($"/digitaltwins/race-{round1}-{w}-{i}/components/x?{Api}");
                }
                Merge(client, mine);
            })));
            await client.SendAsync(HttpMethod.Delete, path);
            // Uploaded again with other contents: twins of it follow the new model, not a cached resolution of the old.
            Assert.Equal(201, (await client.SendJsonAsync(HttpMethod.Post, $"/models?{Api}", Model(id, "b"))).Status);
            var withNew = await client.SendJsonAsync(HttpMethod.Put, $"/digitaltwins/race-{round}-new?{Api}", $$"""{"$metadata":{"$model":"{{id}}"},"b":1}""");
            var withOld = await client.SendJsonAsync(HttpMethod.Put, $"/digitaltwins/race-{round}-old?{Api}", twin);
            if (withNew.Status != 200 || withOld.Status != 400)
            {
                client.Fail($"round {round}: after the model was uploaded again, a twin of the new model got {withNew.Status} and one of the old got {withOld.Status}");
            }
        }
        client.AssertClean(nameof(A_model_deleted_while_twins_of_it_are_created_never_fails_and_its_new_upload_is_the_one_used));
    }

    private static string Model(string id, string property) =>
        new JsonArray(FuzzModels.Parse($$"""
            {"@context":"dtmi:dtdl:context;3","@id":"{{id}}","@type":"Interface","contents":[{"@type":"Property","name":"{{property}}","schema":"integer"}]}
            """)).ToJsonString();

    private static readonly Lock MergeLock = new();

    private static void Merge(FuzzClient into, FuzzClient from)
    {
        lock (MergeLock)
        {
            into.Absorb(from);
        }
    }
}
