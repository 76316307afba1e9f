using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.MockAdt.MockAdtFixture;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>Under the cloud profile queries see writes only after the configured lag, as ADT's do; GET by id sees them at once.</summary>
public sealed class QueryLagTests
{
    private static readonly TimeSpan Lag = TimeSpan.FromMilliseconds(600);

    private static async Task<JsonArray> QueryAsync(HttpClient client, string query)
    {
        using var response = await client.PostAsJsonAsync($"/query?{ApiVersion}", new { query });
        return (await AdtAssert.JsonAsync(response))["value"]!.AsArray();
    }

    [Fact]
    public async Task A_new_twin_and_a_change_reach_queries_after_the_lag_and_GET_at_once()
    {
        await using var host = await MockAdtHost.StartAsync(new Dictionary<string, string?>
        {
            ["MockAdt:Limits:Profile"] = "cloud",
            ["MockAdt:Limits:QueryLag"] = Lag.ToString(),
        });
        using var client = host.CreateClient();
        (await client.PostAsync($"/models?{ApiVersion}", JsonBody(ProjectModels()))).EnsureSuccessStatusCode();
        const string byId = "SELECT T.queueLength AS q FROM DIGITALTWINS T WHERE T.$dtId = 'lagging'";

        var created = Stopwatch.StartNew();
        (await client.PutAsync($"/digitaltwins/lagging?{ApiVersion}", JsonBody(new JsonObject
        {
            ["queueLength"] = 1,
            ["$metadata"] = new JsonObject { ["$model"] = CentrifugeModel },
        }))).EnsureSuccessStatusCode();
        var rightAfter = await QueryAsync(client, byId);
        var elapsed = created.Elapsed;
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonObject>($"/digitaltwins/lagging?{ApiVersion}"))!["queueLength"]!.GetValue<int>());
        if (elapsed < Lag)
        {
            Assert.Empty(rightAfter);
        }

        await Task.Delay(Lag + TimeSpan.FromMilliseconds(100));
        Assert.Equal("""[{"q":1}]""", (await QueryAsync(client, byId)).ToJsonString());

        var patched = Stopwatch.StartNew();
        (await client.PatchAsync($"/digitaltwins/lagging?{ApiVersion}", PatchBody("""[{"op":"replace","path":"/queueLength","value":2}]"""))).EnsureSuccessStatusCode();
        var beforeLag = await QueryAsync(client, byId);
        if (patched.Elapsed < Lag)
        {
            Assert.Equal("""[{"q":1}]""", beforeLag.ToJsonString());
        }
        await Task.Delay(Lag + TimeSpan.FromMilliseconds(100));
        Assert.Equal("""[{"q":2}]""", (await QueryAsync(client, byId)).ToJsonString());
    }
}
