using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.Ingestion.IntakeMessages;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>The intake's contract: 202, 207 per item, 400, 401, 404, 413, 429, over real HTTP to a service writing to MockAdt.</summary>
public sealed class IntakeApiTests : IAsyncLifetime
{
    private RunningIntake _intake = null!;

    public async Task InitializeAsync() => _intake = await RunningIntake.StartAsync("run-1");

    public async Task DisposeAsync() => await _intake.DisposeAsync();

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)!.AsObject();
    }

    [Fact]
    public async Task Starting_a_run_provisions_the_lab_twins_and_their_relationships_in_ADT()
    {
        using var adt = _intake.Adt.CreateClient();
        var separator = await adt.GetFromJsonAsync<JsonObject>("/digitaltwins/separator-01?api-version=2023-10-31");
        var feeds = await adt.GetFromJsonAsync<JsonObject>("/digitaltwins/centrifuge-01/relationships?relationshipName=feeds&api-version=2023-10-31");
        var contains = await adt.GetFromJsonAsync<JsonObject>("/digitaltwins/platelet-lab/relationships?api-version=2023-10-31");

        Assert.Equal("dtmi:platelettwins:devices:Separator;1", separator!["$metadata"]!["$model"]!.GetValue<string>());
        Assert.Equal("separator-01", feeds!["value"]![0]!["$targetId"]!.GetValue<string>());
        Assert.Equal(12, contains!["value"]!.AsArray().Count);

        // Again: idempotent, and the twins keep their state.
        (await _intake.Client.PostAsJsonAsync("/api/runs", Run("run-1"))).EnsureSuccessStatusCode();
        Assert.Equal(12, (await adt.GetFromJsonAsync<JsonObject>("/digitaltwins/platelet-lab/relationships?api-version=2023-10-31"))!["value"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_valid_batch_is_accepted_with_202_and_reaches_the_twin()
    {
        var batch = Batch("run-1", [Update("separator-02", 1, 5, new JsonObject { ["status"] = "Processing", ["inUse"] = 1, ["queueLength"] = 7 })]);
        using var response = await _intake.Client.PostAsJsonAsync("/api/telemetry", batch);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        using var adt = _intake.Adt.CreateClient();
        var twin = await Eventually.ReturnsAsync(() => adt.GetFromJsonAsync<JsonObject>("/digitaltwins/separator-02?api-version=2023-10-31"),
            t => t?["queueLength"] is not null, TimeSpan.FromSeconds(10), "separator-02's queueLength in ADT");
        Assert.Equal(7, twin!["queueLength"]!.GetValue<int>());
        Assert.Equal("2026-01-05T07:05:00.0000000Z", twin["$metadata"]!["queueLength"]!["sourceTime"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_batch_with_bad_items_gets_207_with_a_result_per_item_and_keeps_the_good_ones()
    {
        var batch = Batch("run-1",
        [
            Update("separator-03", 1, 1, new JsonObject { ["inUse"] = 1 }),
            Update("no-such-device", 1, 1, new JsonObject { ["inUse"] = 1 }),
            Update("separator-03", 2, 2, new JsonObject { ["rpm"] = 3000 }),
            Update("separator-03", 3, 3, new JsonObject { ["status"] = "Sleeping" }),
            Update("separator-03", 4, 4, new JsonObject { ["inUse"] = 2 }),
            Update("separator-03", 5, 5, new JsonObject { ["utilization"] = 1.5 }),
        ]);
        using var response = await _intake.Client.PostAsJsonAsync("/api/telemetry", batch);

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(1, body["accepted"]!.GetValue<int>());
        var codes = body["results"]!.AsArray().Select(r => r!["code"]?.GetValue<string>() ?? "").ToArray();
        Assert.Equal(["", "UnknownTwin", "UndeclaredProperty", "WrongType", "OutOfRange", "OutOfRange"], codes);
        Assert.Equal(202, body["results"]![0]!["status"]!.GetValue<int>());
        Assert.Equal(400, body["results"]![1]!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task Discrete_events_go_to_ADTs_telemetry_API_with_their_id_as_Message_Id()
    {
        var batch = Batch("run-1", []);
        batch["events"] = new JsonArray(
            new JsonObject { ["eventId"] = "run-1:separator-01:1", ["twinId"] = "separator-01", ["sourceTime"] = Start.AddMinutes(90), ["type"] = "Failed", ["detail"] = "failure 1" },
            new JsonObject { ["eventId"] = "run-1:nowhere:2", ["twinId"] = "no-such-device", ["sourceTime"] = Start, ["type"] = "Failed" });
        using var response = await _intake.Client.PostAsJsonAsync("/api/telemetry", batch);

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonObject>())!["results"]!.AsArray();
        Assert.Equal("event", results[1]!["kind"]!.GetValue<string>());
        Assert.Equal("UnknownTwin", results[1]!["code"]!.GetValue<string>());

        using var adt = _intake.Adt.CreateClient();
        var messages = await Eventually.ReturnsAsync(async () => (await adt.GetFromJsonAsync<JsonArray>("/mockadt/telemetry?twinId=separator-01"))!,
            m => m.Count > 0, TimeSpan.FromSeconds(10), "a telemetry message of separator-01 in ADT");
        var message = Assert.Single(messages)!;
        Assert.Equal("run-1:separator-01:1", message["messageId"]!.GetValue<string>());
        Assert.Equal("Failed", message["body"]!["event"]!["type"]!.GetValue<string>());
        Assert.Equal(Start.AddMinutes(90), DateTimeOffset.Parse(message["sourceTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Without_the_key_the_intake_answers_401_ProblemDetails()
    {
        using var anonymous = _intake.Ingestion.CreateClient(key: null);
        using var response = await anonymous.PostAsJsonAsync("/api/telemetry", Batch("run-1", []));
        await ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_malformed_body_is_a_400_ProblemDetails()
    {
        using var content = new StringContent("{ not json", Encoding.UTF8, "application/json");
        using var response = await _intake.Client.PostAsync("/api/telemetry", content);
        await ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_batch_of_a_run_the_intake_does_not_know_is_a_404_so_the_producer_starts_it_again()
    {
        using var response = await _intake.Client.PostAsJsonAsync("/api/telemetry", Batch("run-unknown", [Update("separator-01", 1, 1, new JsonObject { ["inUse"] = 1 })]));
        var problem = await ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("Unknown run", problem["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_ProblemDetails()
    {
        await using var small = await IngestionHost.StartAsync(_intake.Adt.Address, new Dictionary<string, string?> { ["Intake:MaxBodyBytes"] = "1000" });
        using var client = small.CreateClient();
        var updates = Enumerable.Range(0, 50).Select(i => Update("separator-01", i, i, new JsonObject { ["inUse"] = 1 }));
        using var response = await client.PostAsJsonAsync("/api/telemetry", Batch("run-1", updates));
        var problem = await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("The batch is too large", problem["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_a_413_ProblemDetails_too()
    {
        await using var small = await IngestionHost.StartAsync(_intake.Adt.Address, new Dictionary<string, string?> { ["Intake:MaxBodyBytes"] = "1000" });
        using var client = small.CreateClient();
        var updates = Enumerable.Range(0, 50).Select(i => Update("separator-01", i, i, new JsonObject { ["inUse"] = 1 }));
        // Without a Content-Length the body goes chunked: nothing tells its size before it is read.
        var body = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Batch("run-1", updates).ToJsonString())));
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        body.Headers.ContentLength = null;

        using var response = await client.PostAsync("/api/telemetry", body);

        var problem = await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("The batch is too large", problem["title"]!.GetValue<string>());
        // Answered once the read went past the limit, not from a length the request declared.
        Assert.StartsWith("More bytes than that", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_backlog_is_full_a_batch_gets_429_with_Retry_After_and_nothing_of_it_is_taken()
    {
        await using var slow = await IngestionHost.StartAsync(_intake.Adt.Address, new Dictionary<string, string?>
        {
            ["Intake:MaxBacklog"] = "3",
            ["Writes:InstanceRate"] = "1",
            ["Writes:MinimumRate"] = "1",
        });
        using var client = slow.CreateClient();
        (await client.PostAsJsonAsync("/api/runs", Run("run-slow"))).EnsureSuccessStatusCode();
        var first = Batch("run-slow", Enumerable.Range(1, 5).Select(i => Update($"centrifuge-0{(i % 3) + 1}", i, i, new JsonObject { ["queueLength"] = i })));
        using var accepted = await client.PostAsJsonAsync("/api/telemetry", first);
        using var refused = await client.PostAsJsonAsync("/api/telemetry", Batch("run-slow", [Update("separator-01", 1, 9, new JsonObject { ["inUse"] = 1 })]));

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await ProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
    }
}
