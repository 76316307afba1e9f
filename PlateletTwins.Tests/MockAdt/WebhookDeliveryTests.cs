using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PlateletTwins.MockAdt.EventRoutes;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.MockAdt.MockAdtFixture;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>
/// A webhook that keeps failing: the endpoint alone retries (no handler beneath it multiplies the attempts), drops the
/// event after its attempts, and goes on delivering the next ones in order.
/// </summary>
public sealed class WebhookDeliveryTests
{
    [Fact]
    public async Task An_event_the_webhook_keeps_refusing_gets_exactly_the_endpoints_attempts_and_the_next_event_still_arrives()
    {
        var attemptsOnRefused = 0;
        var delivered = Channel.CreateUnbounded<string>();
        var (receiver, address) = await LoopbackApp.StartAsync(new Dictionary<string, string?>(), _ => { }, app =>
            app.MapPost("/events", async (HttpRequest request) =>
            {
                var twin = (await JsonNode.ParseAsync(request.Body))!["data"]!["$dtId"]!.GetValue<string>();
                if (twin == "refused")
                {
                    Interlocked.Increment(ref attemptsOnRefused);
                    return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                }
                await delivered.Writer.WriteAsync(twin);
                return Results.Ok();
            }));
        await using var _ = receiver;
        // With the HTTP clients' defaults, as Program.cs composes it: they give every client a resilience handler.
        await using var adt = await MockAdtHost.StartAsync(new Dictionary<string, string?>
        {
            ["MockAdt:Endpoints:0:Name"] = "grid",
            ["MockAdt:Endpoints:0:Kind"] = "Webhook",
            ["MockAdt:Endpoints:0:Url"] = new Uri(address, "/events").ToString(),
        }, httpClientDefaults: true);
        using var client = adt.CreateClient();
        (await client.PostAsync($"/models?{ApiVersion}", JsonBody(ProjectModels()))).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync($"/eventroutes/creates?{ApiVersion}",
            new { endpointName = "grid", filter = "type = 'Microsoft.DigitalTwins.Twin.Create'" })).EnsureSuccessStatusCode();

        foreach (var twin in new[] { "refused", "accepted" })
        {
            var body = new JsonObject { ["capacity"] = 2, ["$metadata"] = new JsonObject { ["$model"] = CentrifugeModel } };
            (await client.PutAsync($"/digitaltwins/{twin}?{ApiVersion}", JsonBody(body))).EnsureSuccessStatusCode();
        }

        // In order: the second event goes once the first was given up (its pauses add up to about 8.5 s).
        var next = delivered.Reader.ReadAsync().AsTask();
        Assert.True(await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(60))) == next,
            $"Within 60 s, the event after the refused one never arrived; the refused one had {Volatile.Read(ref attemptsOnRefused)} attempts");
        Assert.Equal("accepted", await next);
        Assert.Equal(WebhookEndpoint.Attempts, Volatile.Read(ref attemptsOnRefused));
    }
}
