using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using PlateletTwins.Tests.Infrastructure;
using Xunit.Abstractions;
using static PlateletTwins.Tests.Ingestion.IntakeMessages;

namespace PlateletTwins.Tests.Ingestion.Fuzz;

/// <summary>
/// Seeded fuzzing of the intake's HTTP surface over real loopback HTTP, one test per class of case. Each fails on any
/// 5xx and on any state change from a refused request: a refused batch adds nothing to what the intake accepted, a
/// refused run start leaves no twin in MockAdt and no run. INTAKE_FUZZ_SEED replays another seed.
/// </summary>
public sealed class IntakeFuzzTests(FuzzedIntake intake, ITestOutputHelper output) : IClassFixture<FuzzedIntake>
{
    private static int Seed(int fallback) => int.TryParse(Environment.GetEnvironmentVariable("INTAKE_FUZZ_SEED"), out var seed) ? seed : fallback;

    private static StringContent Json(string text, string mediaType = "application/json") => new(text, Encoding.UTF8, mediaType);

    private JsonObject ValidBatch(Random random, int events = 0)
    {
        var updates = Enumerable.Range(0, random.Next(1, 5)).Select(_ =>
        {
            var (id, _, capacity) = Devices[random.Next(Devices.Length)];
            return Update(id, intake.NextSequence(), random.Next(0, 2000), new JsonObject
            {
                ["status"] = new[] { "Idle", "Processing", "Blocked", "Failed" }[random.Next(4)],
                ["inUse"] = random.Next(0, capacity + 1),
                ["queueLength"] = random.Next(0, 40),
                ["utilization"] = random.NextDouble(),
            });
        });
        var batch = Batch(FuzzedIntake.RunId, updates);
        if (events > 0)
        {
            batch["events"] = new JsonArray([.. Enumerable.Range(0, events).Select(i => (JsonNode)new JsonObject
            {
                ["eventId"] = $"fz-{intake.NextSequence()}",
                ["twinId"] = Devices[random.Next(Devices.Length)].Id,
                ["sourceTime"] = Start.AddMinutes(random.Next(2000)),
                ["type"] = "Failed",
                ["detail"] = "fuzz",
            })]);
        }
        return batch;
    }

    // What a batch's answer says was accepted must be what the intake counted; a refused batch adds nothing.
    private static void AssertTaken(HttpStatusCode status, string body, JsonNode? sent, long taken, string what)
    {
        switch (status)
        {
            case HttpStatusCode.Accepted:
                Assert.True((sent?["updates"] as JsonArray)?.Count == taken, $"202 but {taken} updates taken for {what}");
                break;
            case HttpStatusCode.MultiStatus:
                var results = JsonNode.Parse(body)!["results"]!.AsArray();
                var items = ((sent?["updates"] as JsonArray)?.Count ?? 0) + ((sent?["events"] as JsonArray)?.Count ?? 0);
                Assert.Equal(items, results.Count);
                Assert.Equal(results.Count(r => r!["kind"]!.GetValue<string>() == "update" && r["status"]!.GetValue<int>() == 202), taken);
                break;
            default:
                Assert.True(taken == 0, $"{(int)status} but {taken} updates taken for {what}");
                break;
        }
    }

    private async Task<(HttpStatusCode Status, string Body)> PostBatchAsync(StatusTally tally, HttpContent content, JsonNode? sent, string what, HttpClient? client = null)
    {
        var before = intake.Accepted;
        // As a client sending a large body would: the body goes only once the server asks for it.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/telemetry") { Content = content };
        request.Headers.ExpectContinue = content.Headers.ContentLength is null or > 16 * 1024;
        using var response = await (client ?? intake.Client).SendAsync(request);
        var (status, body) = await tally.RecordAsync(response, what);
        if ((int)status is >= 400 and < 500 && status != HttpStatusCode.MethodNotAllowed)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        AssertTaken(status, body, sent, intake.Accepted - before, what);
        return (status, body);
    }

    [Fact]
    public async Task Mutated_batches_get_no_5xx_and_a_refused_one_takes_nothing()
    {
        var seed = Seed(1301);
        var random = new Random(seed);
        var mutator = new JsonMutator(random);
        var tally = new StatusTally();
        for (var i = 0; i < 500; i++)
        {
            var batch = ValidBatch(random, events: random.Next(3));
            var mutations = mutator.Mutate(batch);
            var text = batch.ToJsonString();
            await PostBatchAsync(tally, Json(text), batch, string.Join("; ", mutations));
        }
        tally.Print(output, "mutated batches", seed);
        Assert.True(tally[HttpStatusCode.BadRequest] > 50 && tally[HttpStatusCode.MultiStatus] > 50, "the mutations should reach both the parser and the validator");
    }

    [Fact]
    public async Task Duplicate_keys_invalid_UTF_8_lone_surrogates_and_broken_bytes_are_a_400_and_take_nothing()
    {
        var seed = Seed(1302);
        var random = new Random(seed);
        var mutator = new JsonMutator(random);
        var tally = new StatusTally();
        string[] odd = ["", " ", "null", "[]", "\"batch\"", "0", "{}", "{\"runId\":\"fuzz-run\"}", "\uFEFF{}", "{\"runId\":\"fuzz-run\",\"updates\":[]}x",
            string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + string.Concat(Enumerable.Repeat("}", 100))];
        for (var i = 0; i < 300; i++)
        {
            var text = ValidBatch(random, events: random.Next(2)).ToJsonString();
            var kind = random.Next(6);
            (HttpContent content, var what) = kind switch
            {
                0 => (Json(mutator.DuplicateMember(text)), "duplicate key"),
                1 => (new ByteArrayContent(mutator.InvalidUtf8(text)), "invalid UTF-8"),
                2 => (Json(mutator.LoneSurrogate(text)), "lone surrogate"),
                3 => (Json(text[..random.Next(text.Length)]), "truncated"),
                4 => (new ByteArrayContent(Flip(Encoding.UTF8.GetBytes(text), random)), "flipped byte"),
                _ => (Json(mutator.Pick(odd)), "odd body"),
            };
            content.Headers.ContentType ??= new MediaTypeHeaderValue("application/json");
            var (status, _) = await PostBatchAsync(tally, content, Parsed(await content.ReadAsByteArrayAsync()), what);
            if (kind is 0 or 1 or 2 or 3)
            {
                Assert.True(status == HttpStatusCode.BadRequest, $"{what}: {(int)status}");
            }
        }
        tally.Print(output, "raw bodies", seed);
    }

    // What the intake would have read, when the bytes are still JSON.
    private static JsonNode? Parsed(byte[] bytes)
    {
        try
        {
            return JsonNode.Parse(bytes);
        }
        catch (Exception error) when (error is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    private static byte[] Flip(byte[] bytes, Random random)
    {
        bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
        return bytes;
    }

    [Fact]
    public async Task The_key_is_checked_before_the_body_and_the_size_before_reading_it()
    {
        var tally = new StatusTally();
        var random = new Random(Seed(1303));
        using var anonymous = intake.Ingestion.CreateClient(key: null);
        using var wrong = intake.Ingestion.CreateClient(key: "intake-key-for-test");
        using var upper = intake.Ingestion.CreateClient(key: "INTAKE-KEY-FOR-TESTS");
        using var twice = intake.Ingestion.CreateClient();
        twice.DefaultRequestHeaders.Add("X-Intake-Key", "another");
        var oversize = new string(' ', FuzzedIntake.MaxBodyBytes) + ValidBatch(random).ToJsonString();
        for (var round = 0; round < 3; round++)
        {
            var batch = ValidBatch(random);
            var text = batch.ToJsonString();
            foreach (var client in new[] { anonymous, wrong, upper, twice })
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await PostBatchAsync(tally, Json(text), batch, "wrong key", client)).Status);
                Assert.Equal(HttpStatusCode.Unauthorized, (await PostBatchAsync(tally, Json("{ not json"), null, "wrong key, bad body", client)).Status);
                Assert.Equal(HttpStatusCode.Unauthorized, (await PostBatchAsync(tally, Json(oversize), null, "wrong key, oversize", client)).Status);
                using var run = await client.PostAsync("/api/runs", Json("{\"runId\":"));
                Assert.Equal(HttpStatusCode.Unauthorized, (await tally.RecordAsync(run, "run start, wrong key")).Status);
            }
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await PostBatchAsync(tally, Json(oversize), null, "oversize")).Status);
            var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(oversize)));
            chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            // No Content-Length (a seekable stream would be given one), so it goes chunked.
            chunked.Headers.ContentLength = null;
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await PostBatchAsync(tally, chunked, null, "oversize, chunked")).Status);
            using var bigRunRequest = new HttpRequestMessage(HttpMethod.Post, "/api/runs") { Content = Json(oversize) };
            bigRunRequest.Headers.ExpectContinue = true;
            using var bigRun = await intake.Client.SendAsync(bigRunRequest);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await tally.RecordAsync(bigRun, "run start, oversize")).Status);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await PostBatchAsync(tally, Json(text, "text/plain"), batch, "text/plain")).Status);
            var latin1 = new StringContent(text, Encoding.Latin1, "application/json");
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await PostBatchAsync(tally, latin1, batch, "charset latin1")).Status);
            var untyped = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await PostBatchAsync(tally, untyped, batch, "no content type")).Status);
            using var get = await intake.Client.GetAsync("/api/telemetry");
            Assert.Equal(HttpStatusCode.MethodNotAllowed, (await tally.RecordAsync(get, "GET")).Status);
            var valid = ValidBatch(random);
            Assert.Equal(HttpStatusCode.Accepted, (await PostBatchAsync(tally, Json(valid.ToJsonString()), valid, "valid")).Status);
        }
        tally.Print(output, "keys, sizes and media types", 1303);
    }

    [Fact]
    public async Task Mutated_run_starts_get_no_5xx_and_a_refused_one_leaves_no_twin_and_no_run()
    {
        var seed = Seed(1304);
        var random = new Random(seed);
        var mutator = new JsonMutator(random);
        var tally = new StatusTally();
        var targeted = RunMutations.All;
        for (var n = 0; n < 150; n++)
        {
            var prefix = $"f{n}";
            var run = RunMutations.FreshRun(prefix, random);
            var what = random.Next(2) == 0 ? string.Join("; ", mutator.Mutate(run)) : mutator.Pick(targeted)(run, random);
            var before = await intake.TwinCountAsync();
            using var response = await intake.Client.PostAsync("/api/runs", Json(run.ToJsonString()));
            var (status, body) = await tally.RecordAsync(response, what);
            var after = await intake.TwinCountAsync();
            if (status == HttpStatusCode.OK)
            {
                Assert.True(after > before, $"200 but no twin created for {what}");
                continue;
            }
            Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.Conflict, $"{(int)status} for {what}: {body}");
            Assert.True(after == before, $"{what} was refused but left {after - before} twins: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            if (run["runId"] is JsonValue id && id.TryGetValue<string>(out var runId) && runId.StartsWith(prefix + "-", StringComparison.Ordinal))
            {
                var probe = Batch(runId, [Update($"{prefix}-d0", 1, 1, new JsonObject { ["queueLength"] = 1 })]);
                using var unknown = await intake.Client.PostAsJsonAsync("/api/telemetry", probe);
                Assert.True(unknown.StatusCode == HttpStatusCode.NotFound, $"{what} was refused but its run is known");
            }
        }
        tally.Print(output, "mutated run starts", seed);
        Assert.True(tally[HttpStatusCode.OK] > 5 && tally[HttpStatusCode.BadRequest] > 50 && tally[HttpStatusCode.Conflict] > 0);
    }

    [Fact]
    public async Task Concurrent_run_starts_of_one_lab_all_succeed_and_provision_each_twin_once()
    {
        var tally = new StatusTally();
        var before = await intake.TwinCountAsync();
        var run = RunMutations.FreshRun("conc", new Random(1305));
        var devices = run["lab"]!["devices"]!.AsArray().Count;
        async Task StartAsync(JsonObject start)
        {
            using var response = await intake.Client.PostAsync("/api/runs", Json(start.ToJsonString()));
            Assert.Equal(HttpStatusCode.OK, (await tally.RecordAsync(response, "concurrent run start")).Status);
        }
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => StartAsync(run)));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
        {
            var other = run.DeepClone().AsObject();
            other["runId"] = $"conc-run-{i}";
            return StartAsync(other);
        }));

        Assert.Equal(before + devices + 2 + 4, await intake.TwinCountAsync());
        var contains = await intake.AdtClient.GetFromJsonAsync<JsonObject>("/digitaltwins/conc-lab/relationships?relationshipName=contains&api-version=2023-10-31");
        Assert.Equal(devices, contains!["value"]!.AsArray().Count);
        tally.Print(output, "concurrent run starts", 1305);
    }

    [Fact]
    public async Task An_event_id_that_is_no_valid_Message_Id_is_refused_per_item_and_never_reaches_ADT()
    {
        var seed = Seed(1306);
        var random = new Random(seed);
        var tally = new StatusTally();
        string[] invalid = ["é", "a b", "\r\n", "a\rb", "a\u0000", "tab\t", "ü-über", "", " lead", new string('x', 513), "\u007F", "日本"];
        var refused = new HashSet<string>(StringComparer.Ordinal);
        var delivered = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 80; i++)
        {
            var valid = random.Next(3) == 0;
            var id = valid ? random.Next(2) == 0 ? $"fz-ev-{intake.NextSequence()}" : $"{new string('v', 490)}-{intake.NextSequence()}" : invalid[random.Next(invalid.Length)];
            var batch = Batch(FuzzedIntake.RunId, []);
            batch["events"] = new JsonArray(new JsonObject { ["eventId"] = id, ["twinId"] = "separator-01", ["sourceTime"] = Start, ["type"] = "Failed", ["detail"] = "fuzz" });
            var (status, body) = await PostBatchAsync(tally, Json(batch.ToJsonString()), batch, $"event id {id}");
            if (valid)
            {
                Assert.Equal(HttpStatusCode.Accepted, status);
                delivered.Add(id);
            }
            else
            {
                Assert.Equal(HttpStatusCode.MultiStatus, status);
                Assert.Equal("InvalidEventId", JsonNode.Parse(body)!["results"]![0]!["code"]!.GetValue<string>());
                refused.Add(id);
            }
        }
        foreach (var broken in new[] { """{"eventId":"fz-x","sourceTime":"2026-01-05T07:00:00Z","type":"Failed"}""", """{"eventId":"fz-y","twinId":null,"sourceTime":"2026-01-05T07:00:00Z","type":"Failed"}""" })
        {
            var (status, _) = await PostBatchAsync(tally, Json($$"""{"runId":"{{FuzzedIntake.RunId}}","updates":[],"events":[{{broken}}]}"""), null, broken);
            Assert.Equal(HttpStatusCode.BadRequest, status);
        }

        // The sender is one queue: once the last valid event is in ADT, every one before it has been sent.
        var sentinel = $"fz-sentinel-{intake.NextSequence()}";
        var last = Batch(FuzzedIntake.RunId, []);
        last["events"] = new JsonArray(new JsonObject { ["eventId"] = sentinel, ["twinId"] = "separator-01", ["sourceTime"] = Start, ["type"] = "Repaired", ["detail"] = "" });
        Assert.Equal(HttpStatusCode.Accepted, (await PostBatchAsync(tally, Json(last.ToJsonString()), last, "sentinel")).Status);
        var ids = await Eventually.ReturnsAsync(
            async () => (await intake.AdtClient.GetFromJsonAsync<JsonArray>("/mockadt/telemetry?twinId=separator-01&max=10000"))!.Select(m => m!["messageId"]!.GetValue<string>()).ToList(),
            seen => seen.Contains(sentinel), TimeSpan.FromSeconds(15), $"the sentinel event {sentinel} in ADT");
        Assert.DoesNotContain(ids, refused.Contains);
        Assert.All(delivered, id => Assert.Single(ids, id));
        tally.Print(output, "event ids", seed);
    }

    [Fact]
    public async Task Values_are_judged_per_item_as_ADT_would_and_nothing_accepted_is_refused_by_ADT_later()
    {
        var seed = Seed(1307);
        var random = new Random(seed);
        var tally = new StatusTally();
        // A run of its own: the other tests send odd sequences (a twin that once took long.MaxValue drops what follows).
        var run = RunMutations.FreshRun("values", random);
        using (var started = await intake.Client.PostAsync("/api/runs", Json(run.ToJsonString())))
        {
            Assert.Equal(HttpStatusCode.OK, (await tally.RecordAsync(started, "values run")).Status);
        }
        var devices = run["lab"]!["devices"]!.AsArray().Select(d => (Id: d!["id"]!.GetValue<string>(), Capacity: d["capacity"]!.GetValue<int>())).ToArray();
        var touched = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 120; i++)
        {
            var expected = new List<bool>();
            var updates = Enumerable.Range(0, random.Next(1, 6)).Select(_ =>
            {
                var (id, capacity) = devices[random.Next(devices.Length)];
                var properties = new JsonObject();
                var valid = true;
                foreach (var property in DeviceValues.Pick(random, random.Next(1, 3)))
                {
                    var (value, ok) = property.Make(random, capacity);
                    properties[property.Name] = value;
                    valid &= ok;
                }
                expected.Add(valid);
                if (valid)
                {
                    touched.Add(id);
                }
                return Update(id, intake.NextSequence(), random.Next(0, 2000), properties);
            }).ToList();
            var batch = Batch("values-run", updates);
            var (status, body) = await PostBatchAsync(tally, Json(batch.ToJsonString()), batch, batch.ToJsonString());
            var verdicts = status == HttpStatusCode.Accepted
                ? updates.Select(_ => true).ToList()
                : [.. JsonNode.Parse(body)!["results"]!.AsArray().Select(r => r!["status"]!.GetValue<int>() == 202)];
            Assert.True(expected.SequenceEqual(verdicts), $"expected [{string.Join(", ", expected)}], got {body} for {batch.ToJsonString()[..Math.Min(2000, batch.ToJsonString().Length)]}");
        }

        // Each twin's last write carries a marker: when every marker is in ADT, every accepted write before it is done.
        var markers = touched.ToDictionary(id => id, _ => random.Next(100_000, 1_000_000));
        var last = Batch("values-run", markers.Select(m => Update(m.Key, intake.NextSequence(), 3000, new JsonObject { ["queueLength"] = m.Value })));
        Assert.Equal(HttpStatusCode.Accepted, (await PostBatchAsync(tally, Json(last.ToJsonString()), last, "markers")).Status);
        // Every marker in ADT, or a dead letter: either ends the wait, and a dead letter fails the test below.
        var waiting = new HashSet<string>(markers.Keys, StringComparer.Ordinal);
        await Eventually.ReturnsAsync(async () =>
        {
            foreach (var id in waiting.ToList())
            {
                if ((await intake.AdtClient.GetFromJsonAsync<JsonObject>($"/digitaltwins/{id}?api-version=2023-10-31"))!["queueLength"]?.GetValue<int>() == markers[id])
                {
                    waiting.Remove(id);
                }
            }
            return (await intake.Client.GetFromJsonAsync<JsonArray>("/api/deadletters"))!.Count;
        }, deadLetters => waiting.Count == 0 || deadLetters > 0, TimeSpan.FromSeconds(15), () => $"the marker in ADT of {string.Join(", ", waiting)}");
        var letters = (await intake.Client.GetFromJsonAsync<JsonArray>("/api/deadletters"))!;
        Assert.True(letters.Count == 0, $"ADT refused what the intake accepted: {letters.ToJsonString()[..Math.Min(3000, letters.ToJsonString().Length)]}");
        Assert.Empty(waiting);
        tally.Print(output, "values by schema", seed);
    }
}
