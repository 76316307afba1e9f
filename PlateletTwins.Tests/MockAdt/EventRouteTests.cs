using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.MockAdt.MockAdtFixture;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>
/// Event routes: ADT's CRUD and validation, and delivery of the events ADT emits as CloudEvents, to a stream endpoint
/// read over Server-Sent Events and to a webhook receiving them as Event Grid delivers them.
/// </summary>
public sealed class EventRouteTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly Channel<(string ContentType, JsonObject Event)> _webhook = Channel.CreateUnbounded<(string, JsonObject)>();
    private WebApplication _receiver = null!;
    private QueryGraph _graph = null!;

    public async Task InitializeAsync()
    {
        (_receiver, var receiverAddress) = await LoopbackApp.StartAsync(new Dictionary<string, string?>(), _ => { }, app =>
            app.MapPost("/events", async (HttpRequest request) =>
            {
                var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
                await _webhook.Writer.WriteAsync((request.ContentType ?? "", body));
                return Results.Ok();
            }));
        _graph = await QueryGraph.StartAsync(new Dictionary<string, string?>
        {
            ["MockAdt:Endpoints:0:Name"] = "live",
            ["MockAdt:Endpoints:0:Kind"] = "Stream",
            ["MockAdt:Endpoints:1:Name"] = "grid",
            ["MockAdt:Endpoints:1:Kind"] = "Webhook",
            ["MockAdt:Endpoints:1:Url"] = new Uri(receiverAddress, "/events").ToString(),
        });
    }

    public async Task DisposeAsync()
    {
        await _graph.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private HttpClient Client => _graph.Client;

    private async Task<HttpResponseMessage> PutRouteAsync(string id, string endpoint, string filter) =>
        await Client.PutAsJsonAsync($"/eventroutes/{id}?{ApiVersion}", new { endpointName = endpoint, filter });

    private async Task PatchAsync(string twin, string patch) =>
        (await Client.PatchAsync($"/digitaltwins/{twin}?{ApiVersion}", PatchBody(patch))).EnsureSuccessStatusCode();

    private async Task<JsonObject> NextWebhookEventAsync(string type)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            var (contentType, cloudEvent) = await _webhook.Reader.ReadAsync(timeout.Token);
            Assert.Equal("application/cloudevents+json; charset=utf-8", contentType);
            if (cloudEvent["type"]!.GetValue<string>() == type)
            {
                return cloudEvent;
            }
        }
    }

    [Fact]
    public async Task Routes_are_created_read_listed_and_deleted_as_on_ADT()
    {
        using var created = await PutRouteAsync("updates", "live", "type = 'Microsoft.DigitalTwins.Twin.Update'");
        Assert.Equal(204, (int)created.StatusCode);

        var route = await AdtAssert.JsonAsync(await Client.GetAsync($"/eventroutes/updates?{ApiVersion}"));
        var list = await AdtAssert.JsonAsync(await Client.GetAsync($"/eventroutes?{ApiVersion}"));
        using var deleted = await Client.DeleteAsync($"/eventroutes/updates?{ApiVersion}");
        using var gone = await Client.GetAsync($"/eventroutes/updates?{ApiVersion}");

        Assert.Equal(["id", "endpointName", "filter"], route.Select(p => p.Key));
        Assert.Equal("updates", route["id"]!.GetValue<string>());
        Assert.Equal("live", route["endpointName"]!.GetValue<string>());
        Assert.Equal("type = 'Microsoft.DigitalTwins.Twin.Update'", route["filter"]!.GetValue<string>());
        Assert.Equal("updates", list["value"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(204, (int)deleted.StatusCode);
        await AdtAssert.ErrorAsync(gone, 404, "EventRouteNotFound");
    }

    [Fact]
    public async Task A_route_is_refused_with_ADTs_codes_for_a_bad_endpoint_filter_id_or_one_route_too_many()
    {
        await AdtAssert.ErrorAsync(await PutRouteAsync("r", "nowhere", "true"), 400, "EventRouteEndpointInvalid");
        await AdtAssert.ErrorAsync(await PutRouteAsync("r", "live", "type = "), 400, "EventRouteFilterInvalid");
        await AdtAssert.ErrorAsync(await Client.PutAsJsonAsync($"/eventroutes/r?{ApiVersion}", new { endpointName = "live" }), 400, "EventRouteFilterInvalid");
        await AdtAssert.ErrorAsync(await PutRouteAsync("bad%20id", "live", "true"), 400, "EventRouteIdInvalid");
        for (var i = 0; i < 6; i++)
        {
            (await PutRouteAsync($"r{i}", "live", "false")).EnsureSuccessStatusCode();
        }
        await AdtAssert.ErrorAsync(await PutRouteAsync("r6", "live", "true"), 400, "LimitExceeded");
        (await PutRouteAsync("r0", "live", "true")).EnsureSuccessStatusCode(); // replacing one is not a seventh
    }

    [Fact]
    public async Task A_stream_endpoint_delivers_the_events_its_filter_admits_over_Server_Sent_Events_and_replays_after_a_reconnect()
    {
        (await PutRouteAsync("updates", "live", "type = 'Microsoft.DigitalTwins.Twin.Update' AND STARTSWITH(subject, 'centrifuge')")).EnsureSuccessStatusCode();
        await using var stream = await SseReader.OpenAsync(Client, "/mockadt/endpoints/live/events");

        await PatchAsync("separator-a", """[{"op":"replace","path":"/queueLength","value":8}]""");
        await PatchAsync("centrifuge-a", """[{"op":"replace","path":"/queueLength","value":4},{"op":"add","path":"/$metadata/queueLength/sourceTime","value":"2026-01-05T07:00:00Z"}]""");
        var item = await stream.NextAsync(Wait);
        var cloudEvent = JsonNode.Parse(item.Data)!.AsObject();

        Assert.Equal("Microsoft.DigitalTwins.Twin.Update", item.EventType);
        Assert.Equal("1.0", cloudEvent["specversion"]!.GetValue<string>());
        Assert.Equal("centrifuge-a", cloudEvent["subject"]!.GetValue<string>());
        Assert.Equal(_graph.Host.Address.Authority, cloudEvent["source"]!.GetValue<string>());
        Assert.Equal("application/json", cloudEvent["datacontenttype"]!.GetValue<string>());
        Assert.NotNull(cloudEvent["id"]);
        Assert.NotNull(cloudEvent["time"]);
        Assert.Equal(CentrifugeModel, cloudEvent["data"]!["modelId"]!.GetValue<string>());
        Assert.Equal("/queueLength", cloudEvent["data"]!["patch"]![0]!["path"]!.GetValue<string>());
        Assert.Equal(4, cloudEvent["data"]!["patch"]![0]!["value"]!.GetValue<int>());

        // A client that reconnects with the last id it saw gets what it missed.
        await PatchAsync("centrifuge-b", """[{"op":"replace","path":"/queueLength","value":1}]""");
        await using var again = await SseReader.OpenAsync(Client, "/mockadt/endpoints/live/events", lastEventId: item.EventId);
        var missed = JsonNode.Parse((await again.NextAsync(Wait)).Data)!;
        Assert.Equal("centrifuge-b", missed["subject"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_webhook_receives_twin_relationship_and_telemetry_events_as_CloudEvents_with_traceparent()
    {
        (await PutRouteAsync("all", "grid", "true")).EnsureSuccessStatusCode();

        using var create = new HttpRequestMessage(HttpMethod.Put, $"/digitaltwins/centrifuge-c?{ApiVersion}")
        {
            Content = JsonBody(new JsonObject { ["capacity"] = 2, ["$metadata"] = new JsonObject { ["$model"] = CentrifugeModel } }),
        };
        create.Headers.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        (await Client.SendAsync(create)).EnsureSuccessStatusCode();
        (await Client.PutAsync($"/digitaltwins/centrifuge-c/relationships/feeds-separator-a?{ApiVersion}",
            JsonBody(new JsonObject { ["$relationshipName"] = "feeds", ["$targetId"] = "separator-a" }))).EnsureSuccessStatusCode();
        using var telemetry = new HttpRequestMessage(HttpMethod.Post, $"/digitaltwins/centrifuge-c/telemetry?{ApiVersion}") { Content = JsonBody(new JsonObject { ["event"] = "spin" }) };
        telemetry.Headers.Add("Message-Id", "m-1");
        telemetry.Headers.Add("Telemetry-Source-Time", "2026-01-05T07:30:00Z");
        (await Client.SendAsync(telemetry)).EnsureSuccessStatusCode();

        var twinCreated = await NextWebhookEventAsync("Microsoft.DigitalTwins.Twin.Create");
        var relationshipCreated = await NextWebhookEventAsync("Microsoft.DigitalTwins.Relationship.Create");
        var message = await NextWebhookEventAsync("microsoft.iot.telemetry");

        Assert.Equal("centrifuge-c", twinCreated["data"]!["$dtId"]!.GetValue<string>());
        Assert.StartsWith("00-0af7651916cd43dd8448eb211c80319c-", twinCreated["traceparent"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("centrifuge-c/relationships/feeds-separator-a", relationshipCreated["subject"]!.GetValue<string>());
        Assert.Equal("separator-a", relationshipCreated["data"]!["$targetId"]!.GetValue<string>());
        Assert.Equal("spin", message["data"]!["event"]!.GetValue<string>());
        Assert.Equal(CentrifugeModel, message["dataschema"]!.GetValue<string>());
        Assert.Equal("2026-01-05T07:30:00Z", message["time"]!.GetValue<string>());
        Assert.Equal($"{_graph.Host.Address.Authority}/digitaltwins/centrifuge-c", message["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_relationship_update_event_carries_the_source_model_and_the_patch_as_ADT_sends_it()
    {
        (await PutRouteAsync("relationships", "grid", "type = 'Microsoft.DigitalTwins.Relationship.Update'")).EnsureSuccessStatusCode();
        var path = $"/digitaltwins/centrifuge-a/relationships/feeds-separator-a?{ApiVersion}";

        // Replacing it whole (a PUT over an existing one), then patching it.
        (await Client.PutAsync(path, JsonBody(new JsonObject { ["$relationshipName"] = "feeds", ["$targetId"] = "separator-a" }))).EnsureSuccessStatusCode();
        (await Client.PatchAsync(path, PatchBody("[]"))).EnsureSuccessStatusCode();

        var replaced = await NextWebhookEventAsync("Microsoft.DigitalTwins.Relationship.Update");
        var patched = await NextWebhookEventAsync("Microsoft.DigitalTwins.Relationship.Update");

        Assert.Equal("centrifuge-a/relationships/feeds-separator-a", replaced["subject"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse($$"""{"modelId":"{{CentrifugeModel}}","patch":[{"value":{},"path":"","op":"replace"}]}"""), replaced["data"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$"""{"modelId":"{{CentrifugeModel}}","patch":[]}"""), patched["data"]));
    }
}
