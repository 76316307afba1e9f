using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.MockAdt.Limits;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.MockAdt.MockAdtFixture;

namespace PlateletTwins.Tests.MockAdt.Pools;

/// <summary>
/// The cloud profile's budgets as pools spend them: a relationship write counts against the 10 a second of its source,
/// its target and (a move) its old target, so that a device's own PATCHes and the pools moving through it share one
/// budget; twin and relationship PUTs and DELETEs all draw on the instance's 500 creates and deletes a second. On a clock
/// that stands still, so that buckets refill only when a test moves it and every count is exact.
/// </summary>
public sealed class RelationshipBudgetTests : IAsyncLifetime
{
    private const string Agitator = "agitator-01";
    private const string LabelStation = "label-station-01";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
    private MockAdtHost _host = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>A cloud MockAdt with the lab, two devices and <paramref name="pools"/> pools; every bucket full afterwards.</summary>
    private async Task StartAsync(int pools, Dictionary<string, string?>? settings = null)
    {
        settings ??= [];
        settings.TryAdd("MockAdt:Limits:Profile", "cloud");
        _host = await MockAdtHost.StartAsync(settings, services => services.AddSingleton<TimeProvider>(_clock));
        _client = _host.CreateClient();
        await SetUpAsync(() => PoolTwins.UploadModelsAsync(_client));
        await SetUpAsync(async () => (await PoolTwins.PutTwinAsync(_client, PoolDocuments.Lab, "dtmi:platelettwins:Lab;1")).EnsureSuccessStatusCode());
        await SetUpAsync(async () => (await PoolTwins.PutDeviceAsync(_client, Agitator, "Agitator")).EnsureSuccessStatusCode());
        await SetUpAsync(async () => (await PoolTwins.PutDeviceAsync(_client, LabelStation, "LabelStation")).EnsureSuccessStatusCode());
        for (var n = 1; n <= pools; n++)
        {
            var pool = PoolDocuments.Pool(n, "O", ProcessFlowModel.StageValues.Storage, _clock.GetUtcNow().AddDays(-1));
            await SetUpAsync(async () => (await PoolTwins.PutPoolAsync(_client, n, pool)).EnsureSuccessStatusCode());
        }
        // A second is a bucket's whole capacity: every budget starts full.
        _clock.Advance(TimeSpan.FromSeconds(2));
    }

    // Setting up spends budgets too: each step gets a full second's refill, so setup never meets a 429.
    private async Task SetUpAsync(Func<Task> step)
    {
        _clock.Advance(TimeSpan.FromSeconds(1));
        await step();
    }

    private Task<HttpResponseMessage> PatchStatusAsync(string twinId, string status) =>
        _client.PatchAsync($"/digitaltwins/{twinId}?{ApiVersion}", PatchBody($$"""[{"op":"add","path":"/{{DeviceModel.Status}}","value":"{{status}}"}]"""));

    private static async Task AssertThrottledAsync(HttpResponseMessage response, string budget)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(budget, response.Headers.GetValues(ThrottledResponse.BudgetHeader).Single());
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(429, body["error"]!["statusCode"]!.GetValue<int>());
        Assert.Null(body["error"]!["code"]);
    }

    private async Task<JsonObject> RefusedAsync() =>
        (await _client.GetFromJsonAsync<JsonObject>("/mockadt/limits"))!["refused"]!.AsObject();

    [Fact]
    public async Task Ten_relationship_writes_a_second_to_one_target_from_different_sources_pass_and_the_11th_gets_ADTs_429()
    {
        await StartAsync(pools: 12);

        var responses = new List<HttpResponseMessage>();
        for (var n = 1; n <= 12; n++)
        {
            responses.Add(await PoolTwins.PutProcessedByAsync(_client, PoolDocuments.PoolTwinId(n), Agitator));
        }

        // Each source spent one of its ten; the target all of its: the 11th and 12th are the target's 429s.
        Assert.All(responses.Take(10), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await AssertThrottledAsync(responses[10], $"twin {Agitator}");
        await AssertThrottledAsync(responses[11], $"twin {Agitator}");
        Assert.Equal(2, (await RefusedAsync())["twin"]!.GetValue<long>());

        // Honouring Retry-After is enough: a second later the target has ten again.
        _clock.Advance(responses[10].Headers.RetryAfter!.Delta!.Value);
        using var retried = await PoolTwins.PutProcessedByAsync(_client, PoolDocuments.PoolTwinId(11), Agitator);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
    }

    [Fact]
    public async Task The_targets_own_patches_share_the_budget_its_incoming_relationships_spend()
    {
        await StartAsync(pools: 6);

        for (var n = 1; n <= 5; n++)
        {
            using var put = await PoolTwins.PutProcessedByAsync(_client, PoolDocuments.PoolTwinId(n), Agitator);
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            using var patch = await PatchStatusAsync(Agitator, n % 2 == 0 ? "Idle" : "Processing");
            Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
        }

        // Ten writes touched the agitator: its eleventh, a PATCH or a pool's relationship, waits.
        using var eleventhPatch = await PatchStatusAsync(Agitator, "Blocked");
        await AssertThrottledAsync(eleventhPatch, $"twin {Agitator}");
        using var eleventhMove = await PoolTwins.PutProcessedByAsync(_client, PoolDocuments.PoolTwinId(6), Agitator);
        await AssertThrottledAsync(eleventhMove, $"twin {Agitator}");
        // The label station's budget is its own.
        using var elsewhere = await PoolTwins.PutProcessedByAsync(_client, PoolDocuments.PoolTwinId(6), LabelStation);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    [Fact]
    public async Task A_move_spends_the_old_targets_budget_too_and_a_delete_or_patch_the_stored_targets()
    {
        await StartAsync(pools: 10);
        for (var n = 1; n <= 10; n++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            (await PoolTwins.PutProcessedByAsync(_client, PoolDocuments.PoolTwinId(n), Agitator)).EnsureSuccessStatusCode();
        }
        _clock.Advance(TimeSpan.FromSeconds(2));

        // Ten pools move from the agitator to the label station: ten writes on each of the two devices.
        for (var n = 1; n <= 10; n++)
        {
            using var move = await PoolTwins.PutProcessedByAsync(_client, PoolDocuments.PoolTwinId(n), LabelStation);
            Assert.Equal(HttpStatusCode.OK, move.StatusCode);
        }
        await AssertThrottledAsync(await PatchStatusAsync(Agitator, "Idle"), $"twin {Agitator}");
        await AssertThrottledAsync(await PatchStatusAsync(LabelStation, "Processing"), $"twin {LabelStation}");

        // A relationship PATCH (nothing to change: processedBy has no properties) and a DELETE spend the target the store holds.
        _clock.Advance(TimeSpan.FromSeconds(1));
        for (var n = 1; n <= 5; n++)
        {
            using var patch = await _client.PatchAsync(
                $"/digitaltwins/{PoolDocuments.PoolTwinId(n)}/relationships/{ProcessFlowModel.ProcessedById(PoolDocuments.PoolTwinId(n))}?{ApiVersion}", PatchBody("[]"));
            Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
            using var delete = await PoolTwins.DeleteProcessedByAsync(_client, PoolDocuments.PoolTwinId(n + 5));
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }
        await AssertThrottledAsync(await PatchStatusAsync(LabelStation, "Idle"), $"twin {LabelStation}");
        // The agitator, which none of these touched, had its second's refill.
        Assert.Equal(HttpStatusCode.NoContent, (await PatchStatusAsync(Agitator, "Idle")).StatusCode);
    }

    [Fact]
    public async Task Twin_and_relationship_puts_and_deletes_all_draw_on_the_instances_create_and_delete_budget()
    {
        await StartAsync(pools: 3, new() { ["MockAdt:Limits:Rates:CreatesAndDeletes"] = "4" });

        // Four creates and deletes of four kinds spend the instance's four; a PATCH is another row of the table.
        Assert.Equal(HttpStatusCode.OK, (await PoolTwins.PutPoolAsync(_client, 4, PoolDocuments.Pool(4, "A", ProcessFlowModel.StageValues.Pooling, _clock.GetUtcNow()))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PoolTwins.PutProcessedByAsync(_client, PoolDocuments.PoolTwinId(1), Agitator)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PoolTwins.DeleteProcessedByAsync(_client, PoolDocuments.PoolTwinId(1))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/digitaltwins/{PoolDocuments.PoolTwinId(2)}?{ApiVersion}")).StatusCode);

        await AssertThrottledAsync(await _client.DeleteAsync($"/digitaltwins/{PoolDocuments.PoolTwinId(3)}?{ApiVersion}"), "instance CreateOrDelete");
        await AssertThrottledAsync(await PoolTwins.PutProcessedByAsync(_client, PoolDocuments.PoolTwinId(3), Agitator), "instance CreateOrDelete");
        Assert.Equal(HttpStatusCode.NoContent, (await PatchStatusAsync(Agitator, "Processing")).StatusCode);
        Assert.Equal(2, (await RefusedAsync())["CreateOrDelete"]!.GetValue<long>());

        // A second later the instance has four again.
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await PoolTwins.PutProcessedByAsync(_client, PoolDocuments.PoolTwinId(3), Agitator)).StatusCode);
    }

    [Fact]
    public async Task Without_a_profile_relationship_writes_to_one_target_are_not_throttled()
    {
        await StartAsync(pools: 30, new() { ["MockAdt:Limits:Profile"] = "off" });

        var responses = await Task.WhenAll(Enumerable.Range(1, 30).Select(n => PoolTwins.PutProcessedByAsync(_client, PoolDocuments.PoolTwinId(n), Agitator)));
        var patches = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => PatchStatusAsync(Agitator, "Processing")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(patches, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        Assert.Empty(await RefusedAsync());
    }
}
