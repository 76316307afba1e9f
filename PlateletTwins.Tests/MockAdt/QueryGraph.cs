using System.Text.Json.Nodes;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.MockAdt.MockAdtFixture;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>
/// A MockAdt of its own holding a small graph: a lab containing two centrifuges and a separator, centrifuge-a feeding
/// the separator, with the project's models. For tests that need to know every twin there is.
/// </summary>
public sealed class QueryGraph : IAsyncDisposable
{
    public const string Device = "dtmi:platelettwins:Device;1";
    public const string Separator = "dtmi:platelettwins:devices:Separator;1";

    private QueryGraph(MockAdtHost host, HttpClient client)
    {
        Host = host;
        Client = client;
    }

    public MockAdtHost Host { get; }

    /// <summary>A client with the owner's token.</summary>
    public HttpClient Client { get; }

    public static async Task<QueryGraph> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var host = await MockAdtHost.StartAsync(settings);
        var graph = new QueryGraph(host, host.CreateClient());
        await CreateAsync(graph.Client);
        return graph;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }

    private static async Task CreateAsync(HttpClient client)
    {
        (await client.PostAsync($"/models?{ApiVersion}", JsonBody(ProjectModels()))).EnsureSuccessStatusCode();
        await PutAsync(client, "lab", "dtmi:platelettwins:Lab;1", new JsonObject { ["name"] = "Platelet lab", ["site"] = "D'Souza wing" });
        await PutAsync(client, "centrifuge-a", CentrifugeModel, new JsonObject { ["status"] = "Processing", ["queueLength"] = 3, ["capacity"] = 12, ["location"] = "Room 1" });
        await PutAsync(client, "centrifuge-b", CentrifugeModel, new JsonObject { ["status"] = "Idle", ["queueLength"] = 0, ["capacity"] = 6 });
        await PutAsync(client, "separator-a", Separator, new JsonObject { ["status"] = "Blocked", ["queueLength"] = 7, ["capacity"] = 1, ["location"] = "Room 2" });
        foreach (var device in (string[])["centrifuge-a", "centrifuge-b", "separator-a"])
        {
            await RelateAsync(client, "lab", $"contains-{device}", "contains", device);
        }
        await RelateAsync(client, "centrifuge-a", "feeds-separator-a", "feeds", "separator-a");
    }

    private static async Task PutAsync(HttpClient client, string id, string model, JsonObject properties)
    {
        properties["$metadata"] = new JsonObject { ["$model"] = model };
        (await client.PutAsync($"/digitaltwins/{id}?{ApiVersion}", JsonBody(properties))).EnsureSuccessStatusCode();
    }

    private static async Task RelateAsync(HttpClient client, string source, string id, string name, string target) =>
        (await client.PutAsync($"/digitaltwins/{source}/relationships/{id}?{ApiVersion}",
            JsonBody(new JsonObject { ["$relationshipName"] = name, ["$targetId"] = target }))).EnsureSuccessStatusCode();
}
