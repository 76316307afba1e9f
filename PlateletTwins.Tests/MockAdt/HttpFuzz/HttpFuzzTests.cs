using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using static PlateletTwins.Tests.MockAdt.HttpFuzz.HttpFuzzHost;

namespace PlateletTwins.Tests.MockAdt.HttpFuzz;

/// <summary>
/// Seeded, mutation-based fuzzing of MockAdt's request bodies over loopback HTTP: valid JSON Patch documents, twins,
/// relationships, models, queries, event routes and telemetry, mutated (members dropped, duplicated, renamed; kinds
/// changed; edge numbers; lone surrogates; nesting; invalid UTF-8, truncation). Every answer is below 500 and every
/// refusal is ADT's envelope (<see cref="FuzzClient"/>); a refused request changes nothing it targets
/// (<see cref="StateGuard"/>). Each class of input is its own test, so a failure names its check.
/// </summary>
public sealed class HttpFuzzTests(HttpFuzzHost adt, ITestOutputHelper output) : IClassFixture<HttpFuzzHost>
{
    private const int Cases = 250;

    [Fact]
    public async Task Mutated_twin_patches_never_fail_and_refused_ones_change_nothing()
    {
        var client = adt.Client(output);
        var mutator = new JsonMutator(new Random(1301));
        var id = await HttpFuzzHost.CreateRoomAsync(client);
        var guard = await new StateGuard(client, $"/digitaltwins/{id}?{Api}").StartAsync();
        for (var i = 0; i < Cases; i++)
        {
            var body = i % 10 == 0 ? Encoding.UTF8.GetBytes(mutator.Pick(FuzzModels.TwinPatches)) : mutator.Mutate(JsonNode.Parse(mutator.Pick(FuzzModels.TwinPatches))!);
            await guard.SendAsync(() => client.SendAsync(HttpMethod.Patch, $"/digitaltwins/{id}?{Api}", body, "application/json-patch+json"), $"patch {i}");
        }
        client.AssertClean(nameof(Mutated_twin_patches_never_fail_and_refused_ones_change_nothing));
    }

    [Fact]
    public async Task Mutated_component_patches_never_fail_and_refused_ones_change_nothing()
    {
        var client = adt.Client(output);
        var mutator = new JsonMutator(new Random(1302));
        var id = await HttpFuzzHost.CreateRoomAsync(client);
        var guard = await new StateGuard(client, $"/digitaltwins/{id}?{Api}").StartAsync();
        for (var i = 0; i < Cases / 2; i++)
        {
            var body = mutator.Mutate(JsonNode.Parse(mutator.Pick(FuzzModels.ComponentPatches))!);
            var component = i % 5 == 0 ? mutator.Pick(new[] { "nothing", "name", "%24metadata", "thermostat%2FsetPoint" }) : "thermostat";
            await guard.SendAsync(() => client.SendAsync(HttpMethod.Patch, $"/digitaltwins/{id}/components/{component}?{Api}", body, "application/json-patch+json"), $"component patch {i}");
        }
        client.AssertClean(nameof(Mutated_component_patches_never_fail_and_refused_ones_change_nothing));
    }

    [Fact]
    public async Task Mutated_twin_bodies_never_fail_and_refused_ones_change_nothing()
    {
        var client = adt.Client(output);
        var mutator = new JsonMutator(new Random(1303));
        var existing = await HttpFuzzHost.CreateRoomAsync(client);
        var replaced = await new StateGuard(client, $"/digitaltwins/{existing}?{Api}").StartAsync();
        for (var i = 0; i < Cases; i++)
        {
            var body = mutator.Mutate(FuzzModels.RoomTwin());
            if (i % 2 == 0)
            {
                await replaced.SendAsync(() => client.SendAsync(HttpMethod.Put, $"/digitaltwins/{existing}?{Api}", body), $"replace {i}");
                continue;
            }
            // A refused create leaves no twin behind; an accepted one is removed again.
            var fresh = $"fresh-{i}";
            var created = await new StateGuard(client, $"/digitaltwins/{fresh}?{Api}").StartAsync();
            var answer = await created.SendAsync(() => client.SendAsync(HttpMethod.Put, $"/digitaltwins/{fresh}?{Api}", body), $"create {i}");
            if (!answer.Refused)
            {
                await client.SendAsync(HttpMethod.Delete, $"/digitaltwins/{fresh}?{Api}");
            }
        }
        client.AssertClean(nameof(Mutated_twin_bodies_never_fail_and_refused_ones_change_nothing));
    }

    [Fact]
    public async Task Mutated_relationship_bodies_and_patches_never_fail_and_refused_ones_change_nothing()
    {
        var client = adt.Client(output);
        var mutator = new JsonMutator(new Random(1304));
        var source = await HttpFuzzHost.CreateRoomAsync(client);
        var target = await HttpFuzzHost.CreateRoomAsync(client);
        await HttpFuzzHost.CreateRelationshipAsync(client, source, "r1", target);
        var guard = await new StateGuard(client,
            $"/digitaltwins/{source}/relationships?{Api}", $"/digitaltwins/{target}/incomingrelationships?{Api}").StartAsync();
        for (var i = 0; i < Cases; i++)
        {
            if (i % 2 == 0)
            {
                var body = mutator.Mutate(FuzzModels.Relationship(target));
                var relationshipId = i % 4 == 0 ? "r1" : $"r-new-{i}";
                var answer = await guard.SendAsync(() => client.SendAsync(HttpMethod.Put, $"/digitaltwins/{source}/relationships/{relationshipId}?{Api}", body), $"relationship {i}");
                if (!answer.Refused && relationshipId != "r1")
                {
                    await guard.SendAsync(() => client.SendAsync(HttpMethod.Delete, $"/digitaltwins/{source}/relationships/{relationshipId}?{Api}"), "cleanup");
                }
            }
            else
            {
                var patch = mutator.Mutate(JsonNode.Parse(mutator.Pick(FuzzModels.RelationshipPatches))!);
                await guard.SendAsync(() => client.SendAsync(HttpMethod.Patch, $"/digitaltwins/{source}/relationships/r1?{Api}", patch, "application/json-patch+json"), $"relationship patch {i}");
            }
        }
        client.AssertClean(nameof(Mutated_relationship_bodies_and_patches_never_fail_and_refused_ones_change_nothing));
    }

    [Fact]
    public async Task Mutated_model_uploads_never_fail_and_refused_ones_store_nothing()
    {
        var client = adt.Client(output);
        var mutator = new JsonMutator(new Random(1305));
        var guard = await new StateGuard(client, $"/models?includeModelDefinition=true&{Api}").StartAsync();
        for (var i = 0; i < Cases; i++)
        {
            // Fresh ids each time, so that an upload can succeed; a refused one must store neither model.
            var models = new JsonArray(FuzzModels.ThermostatModel($"dtmi:fuzz:up{i}:Thermostat;1"), FuzzModels.RoomModel($"dtmi:fuzz:up{i}:Room;1", $"dtmi:fuzz:up{i}:Thermostat;1"));
            var body = mutator.Mutate(models);
            var answer = await guard.SendAsync(() => client.SendAsync(HttpMethod.Post, $"/models?{Api}", body), $"upload {i}");
            if (!answer.Refused)
            {
                // Keep the listing small: what was stored goes again (the room first, it references the thermostat).
                foreach (var stored in JsonNode.Parse(answer.Body)!.AsArray().Reverse())
                {
                    await guard.SendAsync(() => client.SendAsync(HttpMethod.Delete, $"/models/{Uri.EscapeDataString(stored!["id"]!.GetValue<string>())}?{Api}"), "cleanup");
                }
            }
        }
        client.AssertClean(nameof(Mutated_model_uploads_never_fail_and_refused_ones_store_nothing));
    }

    [Fact]
    public async Task Mutated_model_patches_never_fail_and_refused_ones_change_nothing()
    {
        var client = adt.Client(output);
        var mutator = new JsonMutator(new Random(1306));
        var id = "dtmi:fuzz:patched:Thermostat;1";
        Assert.Equal(201, (await client.SendJsonAsync(HttpMethod.Post, $"/models?{Api}", new JsonArray(FuzzModels.ThermostatModel(id)).ToJsonString())).Status);
        var path = $"/models/{Uri.EscapeDataString(id)}?{Api}";
        var guard = await new StateGuard(client, path).StartAsync();
        var seed = JsonNode.Parse("""[{"op":"replace","path":"/decommissioned","value":true}]""")!;
        for (var i = 0; i < Cases / 2; i++)
        {
            var body = mutator.Mutate(seed);
            await guard.SendAsync(() => client.SendAsync(HttpMethod.Patch, path, body, "application/json-patch+json"), $"model patch {i}");
        }
        client.AssertClean(nameof(Mutated_model_patches_never_fail_and_refused_ones_change_nothing));
    }

    [Fact]
    public async Task Mutated_query_and_event_route_bodies_never_fail()
    {
        var client = adt.Client(output);
        var mutator = new JsonMutator(new Random(1307));
        await HttpFuzzHost.CreateRoomAsync(client);
        JsonNode[] queries =
        [
            new JsonObject { ["query"] = "SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:fuzz:Room;1')" },
            new JsonObject { ["continuationToken"] = "eyJRIjoiU0VMRUNUICogRlJPTSBESUdJVEFMVFdJTlMiLCJOIjoxfQ" },
            new JsonObject { ["query"] = "SELECT COUNT() FROM RELATIONSHIPS", ["continuationToken"] = null },
        ];
        for (var i = 0; i < Cases / 2; i++)
        {
            await client.SendAsync(HttpMethod.Post, $"/query?{Api}", mutator.Mutate(mutator.Pick(queries)), headers: h => h.TryAddWithoutValidation("max-items-per-page", "2"));
        }
        // Continuation tokens are MockAdt's own encoding of a query: forged ones must be refused, not trusted.
        string[] payloads = ["{\"Q\":\"\\ud800\",\"N\":0}", "{\"Q\":\"SELECT * FROM DIGITALTWINS\",\"N\":-1}", "{\"Q\":\"SELECT * FROM DIGITALTWINS\",\"N\":2147483647}",
            "{\"Q\":\"SELECT * FROM DIGITALTWINS\",\"N\":1e400}", "{\"Q\":5,\"N\":0}", "{\"Q\":\"a\",\"Q\":\"b\",\"N\":0}", "{\"Q\":null,\"N\":0}", "[]", "5",
            "{\"Q\":\"SELECT * FROM DIGITALTWINS WHERE " + new string('(', 3000) + "\",\"N\":0}", "{\"Q\":\"" + new string('x', 20_000) + "\",\"N\":0}"];
        var forged = payloads.Select(p => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(p)))
            .Append(System.Buffers.Text.Base64Url.EncodeToString([.. "{\"Q\":\""u8, 0xFF, .. "\",\"N\":0}"u8]))
            .Concat(["", "=", "!!!", "a", new string('A', 30_000)]);
        foreach (var token in forged)
        {
            await client.SendJsonAsync(HttpMethod.Post, $"/query?{Api}", new JsonObject { ["continuationToken"] = token }.ToJsonString(), $"token {token[..Math.Min(30, token.Length)]}");
        }
        var routes = await new StateGuard(client, $"/eventroutes?{Api}").StartAsync();
        for (var i = 0; i < Cases / 2; i++)
        {
            var filter = mutator.Pick(new[] { "type = 'Microsoft.DigitalTwins.Twin.Update' AND $body.modelId = 'x'", "true", "STARTSWITH(subject, 'a') OR NOT (type IN ['x'])" });
            // The filter's text mutated too, at times: a fragment inserted or the text cut.
            filter = mutator.Random.Next(3) switch
            {
                0 => filter.Insert(mutator.Random.Next(filter.Length), mutator.Pick(new[] { "(", ")", "'", "[", "$body.", "AND", "NOT", "\\", "1e400", "\u0000" })),
                1 => filter[..mutator.Random.Next(filter.Length)],
                _ => filter,
            };
            var body = mutator.Mutate(new JsonObject { ["endpointName"] = "stream", ["filter"] = filter });
            var answer = await routes.SendAsync(() => client.SendAsync(HttpMethod.Put, $"/eventroutes/fuzz-{i}?{Api}", body), $"route {i}");
            if (!answer.Refused)
            {
                await routes.SendAsync(() => client.SendAsync(HttpMethod.Delete, $"/eventroutes/fuzz-{i}?{Api}"), "cleanup");
            }
        }
        client.AssertClean(nameof(Mutated_query_and_event_route_bodies_never_fail));
    }

    [Fact]
    public async Task Mutated_telemetry_never_fails_and_refused_telemetry_is_not_taken()
    {
        var client = adt.Client(output);
        var mutator = new JsonMutator(new Random(1308));
        var id = await HttpFuzzHost.CreateRoomAsync(client);
        string[] sourceTimes = ["", "2024-01-01T00:00:00Z", "garbage", "2024-13-01T00:00:00Z", "1e400", " "];
        for (var i = 0; i < Cases / 2; i++)
        {
            var messageId = i % 17 == 0 ? "" : $"m-{i}";
            var sourceTime = mutator.Pick(sourceTimes);
            var path = i % 3 == 0 ? $"/digitaltwins/{id}/components/thermostat/telemetry?{Api}" : $"/digitaltwins/{id}/telemetry?{Api}";
            var answer = await client.SendAsync(HttpMethod.Post, path, mutator.Mutate(new JsonObject { ["reading"] = 1.5 }), headers: h =>
            {
                h.TryAddWithoutValidation("Message-Id", messageId);
                if (sourceTime.Length > 0)
                {
                    h.TryAddWithoutValidation("Telemetry-Source-Time", sourceTime);
                }
            });
            if (answer.Refused && messageId.Length > 0)
            {
                var log = await client.GetAsync($"/mockadt/telemetry?twinId={id}&max=10000");
                Assert.True(log.Status == 200, log.Text);
                // The log holds bodies of the request's full depth inside its own array and objects.
                if (JsonNode.Parse(log.Body, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 256 })!.AsArray().Any(m => m?["messageId"]?.GetValue<string>() == messageId))
                {
                    client.Fail($"refused telemetry {messageId} ({answer.Status}) was taken");
                }
            }
        }
        client.AssertClean(nameof(Mutated_telemetry_never_fails_and_refused_telemetry_is_not_taken));
    }

    [Fact]
    public async Task Invalid_encodings_in_every_kind_of_body_are_refused_and_change_nothing()
    {
        var client = adt.Client(output);
        var mutator = new JsonMutator(new Random(1309));
        var source = await HttpFuzzHost.CreateRoomAsync(client);
        var target = await HttpFuzzHost.CreateRoomAsync(client);
        await HttpFuzzHost.CreateRelationshipAsync(client, source, "r1", target);
        var guard = await new StateGuard(client,
            $"/digitaltwins/{source}?{Api}", $"/digitaltwins/{source}/relationships?{Api}", $"/models?{Api}", $"/eventroutes?{Api}").StartAsync();
        (HttpMethod Method, string Path, JsonNode Body)[] endpoints =
        [
            (HttpMethod.Put, $"/digitaltwins/{source}?{Api}", FuzzModels.RoomTwin()),
            (HttpMethod.Patch, $"/digitaltwins/{source}?{Api}", JsonNode.Parse(FuzzModels.TwinPatches[0])!),
            (HttpMethod.Put, $"/digitaltwins/{source}/relationships/r1?{Api}", FuzzModels.Relationship(target)),
            (HttpMethod.Patch, $"/digitaltwins/{source}/relationships/r1?{Api}", JsonNode.Parse(FuzzModels.RelationshipPatches[0])!),
            (HttpMethod.Post, $"/models?{Api}", new JsonArray(FuzzModels.ThermostatModel("dtmi:fuzz:enc:Thermostat;1"))),
            (HttpMethod.Patch, $"/models/{Uri.EscapeDataString("dtmi:fuzz:none;1")}?{Api}", JsonNode.Parse("""[{"op":"replace","path":"/decommissioned","value":true}]""")!),
            (HttpMethod.Put, $"/eventroutes/enc?{Api}", new JsonObject { ["endpointName"] = "stream", ["filter"] = "true" }),
            (HttpMethod.Post, $"/query?{Api}", new JsonObject { ["query"] = "SELECT * FROM DIGITALTWINS" }),
        ];
        // The exact inputs of the report first (duplicate names, lone surrogates, kinds), then mutated bytes.
        string[] known =
        [
            """[{"op":"add","op":"add","path":"/name","value":"x"}]""",
            """[{"op":"add","path":"/address","value":{"city":"a","city":"b"}}]""",
            """[{"op":"add","path":"/name","value":"\ud800"}]""",
            """[{"op":"add","path":"/name","value":"x","value":"y"}]""",
            """[{"op":"add","path":"/\ud800","value":1}]""",
        ];
        foreach (var patch in known)
        {
            await guard.SendAsync(() => client.SendJsonAsync(HttpMethod.Patch, $"/digitaltwins/{source}?{Api}", patch), patch);
        }
        await guard.SendAsync(() => client.SendJsonAsync(HttpMethod.Put, $"/digitaltwins/{source}?{Api}",
            """{"$metadata":{"$model":"dtmi:fuzz:Room;1","$model":"dtmi:fuzz:Thermostat;1"},"thermostat":{"$metadata":{}}}"""), "$model twice");
        for (var i = 0; i < Cases; i++)
        {
            var (method, path, body) = mutator.Pick(endpoints);
            var bytes = mutator.MutateBytes(body);
            var answer = await guard.SendAsync(() => client.SendAsync(method, path, bytes, method == HttpMethod.Patch ? "application/json-patch+json" : "application/json"), $"bytes {i}");
            if (!answer.Refused && method == HttpMethod.Put && path.StartsWith("/eventroutes", StringComparison.Ordinal))
            {
                await guard.SendAsync(() => client.SendAsync(HttpMethod.Delete, path), "cleanup");
            }
            if (!answer.Refused && method == HttpMethod.Post && path.StartsWith("/models", StringComparison.Ordinal))
            {
                await guard.SendAsync(() => client.SendAsync(HttpMethod.Delete, $"/models/{Uri.EscapeDataString("dtmi:fuzz:enc:Thermostat;1")}?{Api}"), "cleanup");
            }
        }
        client.AssertClean(nameof(Invalid_encodings_in_every_kind_of_body_are_refused_and_change_nothing));
    }

    [Fact]
    public async Task Edge_numbers_and_deep_nesting_never_fail_and_refused_ones_change_nothing()
    {
        var client = adt.Client(output);
        var id = await HttpFuzzHost.CreateRoomAsync(client);
        var guard = await new StateGuard(client, $"/digitaltwins/{id}?{Api}").StartAsync();
        string[] numbers = ["0", "-0", "-0.0", "1e400", "-1e400", "1e-400", "4.9e-324", "1.7976931348623157e308", "3.4028236e38", "2147483647", "2147483648",
            "-2147483649", "9223372036854775807", "9223372036854775808", "123456789012345678901234567890", "1.0", "1E2", "0.1e1", "5e-1"];
        string[] properties = ["count", "big", "temp", "ratio", "code", "address/zip", "tags/x", "readings/0", "thermostat/setPoint"];
        foreach (var property in properties)
        {
            foreach (var number in numbers)
            {
                await guard.SendAsync(() => client.SendJsonAsync(HttpMethod.Patch, $"/digitaltwins/{id}?{Api}", $$"""[{"op":"add","path":"/{{property}}","value":{{number}}}]"""), $"{property}={number}");
            }
        }
        foreach (var depth in new[] { 5, 62, 63, 64, 65, 100, 10_000 })
        {
            var nested = new string('[', depth) + "1" + new string(']', depth);
            var objects = string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
            await guard.SendAsync(() => client.SendJsonAsync(HttpMethod.Patch, $"/digitaltwins/{id}?{Api}", $$"""[{"op":"add","path":"/readings","value":{{nested}}}]"""), $"array depth {depth}");
            await guard.SendAsync(() => client.SendJsonAsync(HttpMethod.Patch, $"/digitaltwins/{id}?{Api}", $$"""[{"op":"add","path":"/address","value":{{objects}}}]"""), $"object depth {depth}");
            await guard.SendAsync(() => client.SendJsonAsync(HttpMethod.Patch, $"/digitaltwins/{id}?{Api}", $$"""[{"op":"add","path":"/spot/coordinates/0","value":{{nested}}}]"""), $"geo depth {depth}");
            // Request-depth JSON that responses wrap again: the telemetry log, a model list with definitions.
            await client.SendJsonAsync(HttpMethod.Post, $"/digitaltwins/{id}/telemetry?{Api}", $$"""{"reading":{{nested}}}""", headers: h => h.Add("Message-Id", $"deep-{depth}"));
            var deepModel = $$$"""[{"@context":"dtmi:dtdl:context;3","@id":"dtmi:fuzz:deep{{{depth}}};1","@type":"Interface","displayName":{"en":"d","x":{{{objects}}}}}]""";
            if ((await client.SendJsonAsync(HttpMethod.Post, $"/models?{Api}", deepModel)).Status == 201)
            {
                await client.GetAsync($"/models?includeModelDefinition=true&{Api}");
                await client.SendAsync(HttpMethod.Delete, $"/models/dtmi:fuzz:deep{depth};1?{Api}");
            }
            var deepPath = string.Concat(Enumerable.Repeat("/a", depth));
            await guard.SendAsync(() => client.SendJsonAsync(HttpMethod.Patch, $"/digitaltwins/{id}?{Api}", $$"""[{"op":"add","path":"/address{{deepPath}}","value":1}]"""), $"path depth {depth}");
        }
        await client.GetAsync($"/mockadt/telemetry?twinId={id}");
        await client.GetAsync($"/mockadt/history/properties?twinId={id}");
        foreach (var path in new[] { "", "/", "//", "/~2", "/a~", "/~", "/~01", "/name/", "/$metadata", "/$metadata/", "/$metadata/$model/x", "/$dtId", "/$etag",
            "/thermostat", "/thermostat/$metadata", "/tags/~1", "/readings/-1", "/readings/01", "/readings/99", "/readings/-", "name", "/\u0000", "/$metadata/name/sourceTime/x" })
        {
            foreach (var op in new[] { "add", "replace", "remove" })
            {
                await guard.SendAsync(() => client.SendJsonAsync(HttpMethod.Patch, $"/digitaltwins/{id}?{Api}",
                    new JsonArray(new JsonObject { ["op"] = op, ["path"] = path, ["value"] = 1 }).ToJsonString()), $"{op} {path}");
            }
        }
        client.AssertClean(nameof(Edge_numbers_and_deep_nesting_never_fail_and_refused_ones_change_nothing));
    }

    [Fact]
    public async Task Batches_are_all_or_nothing_and_never_fail()
    {
        var client = adt.Client(output);
        var random = new Random(1310);
        var mutator = new JsonMutator(random);
        var id = await HttpFuzzHost.CreateRoomAsync(client);
        var twin = await new StateGuard(client, $"/digitaltwins/{id}?{Api}").StartAsync();
        for (var i = 0; i < 40; i++)
        {
            // Many good operations and one bad one somewhere: the patch is refused whole.
            // (The good ones set map entries only, so that none of them can make the bad one good again.)
            var operations = new JsonArray([.. Enumerable.Range(0, random.Next(2, 60)).Select(n => (JsonNode)new JsonObject { ["op"] = "add", ["path"] = $"/tags/k{n}", ["value"] = n })]);
            operations.Insert(random.Next(operations.Count + 1), JsonNode.Parse(mutator.Pick(new[]
            {
                """{"op":"add","path":"/count","value":"x"}""", """{"op":"move","path":"/count","from":"/big"}""", """{"op":"replace","path":"/nothing","value":1}""",
                """{"op":"add","path":"/$dtId","value":"x"}""", """{"op":"remove","path":"/thermostat"}""", """{"op":"add"}""", "5", "null",
            })));
            var answer = await twin.SendAsync(() => client.SendJsonAsync(HttpMethod.Patch, $"/digitaltwins/{id}?{Api}", operations.ToJsonString()), $"patch batch {i}");
            if (!answer.Refused)
            {
                client.Fail($"patch batch {i} with a bad operation was accepted");
            }
        }
        var models = await new StateGuard(client, $"/models?{Api}").StartAsync();
        for (var i = 0; i < 20; i++)
        {
            var batch = new JsonArray([.. Enumerable.Range(0, random.Next(2, 30)).Select(n => (JsonNode)FuzzModels.ThermostatModel($"dtmi:fuzz:batch{i}:T{n};1"))]);
            var broken = random.Next(batch.Count);
            batch[broken] = JsonNode.Parse(mutator.Pick(new[]
            {
                """{"@context":"dtmi:dtdl:context;3","@id":"dtmi:fuzz:x;1","@type":"Interface","contents":[{"@type":"Relationship","name":"r","properties":[{"name":"w","schema":"double"}]}]}""",
                """{"@context":[5],"@id":"dtmi:fuzz:x;1","@type":"Interface"}""", """{"@id":"dtmi:fuzz:x;1"}""", "5", "[]", "null",
                """{"@context":"dtmi:dtdl:context;3","@id":"dtmi:fuzz:x;1","@type":"Interface","contents":[{"@type":"Property","name":5,"schema":"double"}]}""",
                """{"@context":"dtmi:dtdl:context;3","@id":"dtmi:fuzz:x;1","@type":"Interface","extends":"dtmi:fuzz:nothing;1"}""",
            }));
            var answer = await models.SendAsync(() => client.SendJsonAsync(HttpMethod.Post, $"/models?{Api}", batch.ToJsonString()), $"model batch {i}");
            if (!answer.Refused)
            {
                client.Fail($"model batch {i} with a bad model was accepted");
            }
        }
        var tooMany = new JsonArray([.. Enumerable.Range(0, 251).Select(n => (JsonNode)FuzzModels.ThermostatModel($"dtmi:fuzz:many:T{n};1"))]);
        await models.SendAsync(() => client.SendJsonAsync(HttpMethod.Post, $"/models?{Api}", tooMany.ToJsonString()), "251 models");
        client.AssertClean(nameof(Batches_are_all_or_nothing_and_never_fail));
    }
}
