using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PlateletTwins.MockAdt.Events;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.MockAdt.MockAdtFixture;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>
/// <c>MockAdt:DataDirectory</c>: what one host wrote, a new host on the same directory serves, byte for byte (ETags
/// and <c>$metadata</c> included), with its indexes rebuilt (queries, incoming relationships, the model index).
/// </summary>
public sealed class PersistenceTests : IDisposable
{
    private const string ExtraModel = "dtmi:test:persistence:Retired;1";

    private readonly string _directory = Directory.CreateTempSubdirectory("mockadt-persistence-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Dictionary<string, string?> Settings => new() { ["MockAdt:DataDirectory"] = _directory };

    [Fact]
    public async Task A_new_host_on_the_same_directory_serves_the_same_models_twins_relationships_routes_and_history()
    {
        string before;
        await using (var host = await MockAdtHost.StartAsync(Settings))
        {
            using var client = host.CreateClient();
            await WriteGraphAsync(client);
            await WaitForDispatchAsync(host);
            before = await PictureAsync(client);
        }

        await using (var host = await MockAdtHost.StartAsync(Settings))
        {
            using var client = host.CreateClient();
            Assert.Equal(before, await PictureAsync(client));

            // The stored ETag is the twin's ETag: a conditional write with it succeeds.
            var etag = (await client.GetAsync($"/digitaltwins/centrifuge-1?{ApiVersion}")).Headers.ETag!;
            using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/digitaltwins/centrifuge-1?{ApiVersion}") { Content = PatchBody("""[{"op":"replace","path":"/inUse","value":7}]""") };
            patch.Headers.IfMatch.Add(etag);
            Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(patch)).StatusCode);
            // A decommissioned model stays decommissioned.
            using var retired = await client.PutAsync($"/digitaltwins/retired-1?{ApiVersion}", JsonBody(Twin(ExtraModel, new JsonObject())));
            Assert.Equal(HttpStatusCode.BadRequest, retired.StatusCode);
        }

        // And what the second host wrote, a third one reads.
        await using (var host = await MockAdtHost.StartAsync(Settings))
        {
            using var client = host.CreateClient();
            var twin = await client.GetFromJsonAsync<JsonObject>($"/digitaltwins/centrifuge-1?{ApiVersion}");
            Assert.Equal(7, twin!["inUse"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task A_second_host_on_a_directory_in_use_fails_to_start()
    {
        await using var first = await MockAdtHost.StartAsync(Settings);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => MockAdtHost.StartAsync(Settings));

        Assert.Contains("in use by another MockAdt", error.Message, StringComparison.Ordinal);
    }

    private static async Task WriteGraphAsync(HttpClient client)
    {
        var extra = new JsonObject { ["@id"] = ExtraModel, ["@type"] = "Interface", ["@context"] = "dtmi:dtdl:context;3", ["contents"] = new JsonArray() };
        (await client.PostAsync($"/models?{ApiVersion}", JsonBody(new JsonArray([.. ProjectModels().Select(m => m!.DeepClone()), extra])))).EnsureSuccessStatusCode();
        (await client.PatchAsync($"/models/{ExtraModel}?{ApiVersion}", PatchBody("""[{"op":"replace","path":"/decommissioned","value":true}]"""))).EnsureSuccessStatusCode();
        for (var i = 1; i <= 3; i++)
        {
            var twin = Twin(CentrifugeModel, new JsonObject { ["capacity"] = 12, ["deviceType"] = "Centrifuge" });
            twin["$metadata"]!["capacity"] = new JsonObject { ["sourceTime"] = "2026-01-05T07:00:00+01:00" };
            (await client.PutAsync($"/digitaltwins/centrifuge-{i}?{ApiVersion}", JsonBody(twin))).EnsureSuccessStatusCode();
        }
        (await client.PutAsync($"/digitaltwins/lab?{ApiVersion}", JsonBody(Twin("dtmi:platelettwins:Lab;1", new JsonObject { ["name"] = "Lab" })))).EnsureSuccessStatusCode();
        (await client.PatchAsync($"/digitaltwins/centrifuge-1?{ApiVersion}", PatchBody("""
            [{"op":"add","path":"/inUse","value":3},{"op":"add","path":"/$metadata/inUse/sourceTime","value":"2026-01-05T07:01:00Z"}]
            """))).EnsureSuccessStatusCode();
        foreach (var (source, name, target) in new[] { ("centrifuge-1", "feeds", "centrifuge-2"), ("centrifuge-2", "feeds", "centrifuge-3"), ("lab", "contains", "centrifuge-1"), ("lab", "contains", "centrifuge-3") })
        {
            var relationship = new JsonObject { ["$relationshipName"] = name, ["$targetId"] = target };
            (await client.PutAsync($"/digitaltwins/{source}/relationships/{name}-{target}?{ApiVersion}", JsonBody(relationship))).EnsureSuccessStatusCode();
        }
        // Gone before the restart, so gone after it.
        (await client.DeleteAsync($"/digitaltwins/lab/relationships/contains-centrifuge-3?{ApiVersion}")).EnsureSuccessStatusCode();
        (await client.PutAsync($"/digitaltwins/doomed?{ApiVersion}", JsonBody(Twin(CentrifugeModel, new JsonObject())))).EnsureSuccessStatusCode();
        (await client.DeleteAsync($"/digitaltwins/doomed?{ApiVersion}")).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync($"/eventroutes/updates?{ApiVersion}", new { endpointName = "stream", filter = "type = 'Microsoft.DigitalTwins.Twin.Update'" })).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync($"/eventroutes/everything?{ApiVersion}", new { endpointName = "stream", filter = "true" })).EnsureSuccessStatusCode();
    }

    private static JsonObject Twin(string model, JsonObject properties)
    {
        properties["$metadata"] = new JsonObject { ["$model"] = model };
        return properties;
    }

    // Data history is recorded off the request path; a graceful stop does not wait for what is still queued.
    private static Task WaitForDispatchAsync(MockAdtHost host)
    {
        var feed = host.Services.GetRequiredService<ChangeFeed>();
        return Eventually.TrueAsync(() => feed.Backlog == 0, TimeSpan.FromSeconds(5), "an empty change feed");
    }

    /// <summary>Everything a client can read of the instance, as one text to compare.</summary>
    private static async Task<string> PictureAsync(HttpClient client)
    {
        var parts = new List<string>
        {
            await client.GetStringAsync($"/models?includeModelDefinition=true&{ApiVersion}"),
            await client.GetStringAsync($"/eventroutes?{ApiVersion}"),
            await client.GetStringAsync("/mockadt/history/properties.csv"),
            await client.GetStringAsync("/mockadt/history/twins.csv"),
            await client.GetStringAsync("/mockadt/history/relationships.csv"),
            await client.GetStringAsync("/mockadt/history/properties?twinId=centrifuge-1"),
        };
        foreach (var id in new[] { "centrifuge-1", "centrifuge-2", "centrifuge-3", "lab", "doomed" })
        {
            using var twin = await client.GetAsync($"/digitaltwins/{id}?{ApiVersion}");
            parts.Add($"{id}: {twin.Headers.ETag} {await StatusAndBodyAsync(twin)}");
            parts.Add(await StatusAndBodyAsync(client, $"/digitaltwins/{id}/relationships?{ApiVersion}"));
            parts.Add(await StatusAndBodyAsync(client, $"/digitaltwins/{id}/incomingrelationships?{ApiVersion}"));
        }
        foreach (var query in new[]
        {
            "SELECT * FROM digitaltwins",
            "SELECT * FROM digitaltwins WHERE IS_OF_MODEL('dtmi:platelettwins:Device;1')",
            "SELECT T.$dtId FROM digitaltwins T WHERE T.inUse = 3",
            "SELECT C FROM DIGITALTWINS L JOIN C RELATED L.contains WHERE L.$dtId = 'lab'",
            "SELECT * FROM relationships",
        })
        {
            using var response = await client.PostAsJsonAsync($"/query?{ApiVersion}", new { query });
            var rows = (await response.Content.ReadFromJsonAsync<JsonObject>())!["value"]!.AsArray();
            Assert.NotEmpty(rows);
            parts.Add($"{query}: {rows.ToJsonString()}");
        }
        return string.Join('\n', parts);
    }

    private static async Task<string> StatusAndBodyAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return await StatusAndBodyAsync(response);
    }

    // A missing twin's error carries no request-specific text, so it compares too.
    private static async Task<string> StatusAndBodyAsync(HttpResponseMessage response) => $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
}
