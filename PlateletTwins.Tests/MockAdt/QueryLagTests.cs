using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
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
        // On a clock that stands still: the lag passes when the test says so, however slow the machine.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
        await using var host = await MockAdtHost.StartAsync(
            new Dictionary<string, string?> { ["MockAdt:Limits:Profile"] = "cloud", ["MockAdt:Limits:QueryLag"] = Lag.ToString() },
            services => services.AddSingleton<TimeProvider>(clock));
        using var client = host.CreateClient();
        (await client.PostAsync($"/models?{ApiVersion}", JsonBody(ProjectModels()))).EnsureSuccessStatusCode();
        const string byId = "SELECT T.queueLength AS q FROM DIGITALTWINS T WHERE T.$dtId = 'lagging'";

        (await client.PutAsync($"/digitaltwins/lagging?{ApiVersion}", JsonBody(new JsonObject
        {
            ["queueLength"] = 1,
            ["$metadata"] = new JsonObject { ["$model"] = CentrifugeModel },
        }))).EnsureSuccessStatusCode();
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonObject>($"/digitaltwins/lagging?{ApiVersion}"))!["queueLength"]!.GetValue<int>());
        Assert.Empty(await QueryAsync(client, byId));
        clock.Advance(Lag - TimeSpan.FromMilliseconds(1));
        Assert.Empty(await QueryAsync(client, byId));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("""[{"q":1}]""", (await QueryAsync(client, byId)).ToJsonString());

        (await client.PatchAsync($"/digitaltwins/lagging?{ApiVersion}", PatchBody("""[{"op":"replace","path":"/queueLength","value":2}]"""))).EnsureSuccessStatusCode();
        Assert.Equal(2, (await client.GetFromJsonAsync<JsonObject>($"/digitaltwins/lagging?{ApiVersion}"))!["queueLength"]!.GetValue<int>());
        Assert.Equal("""[{"q":1}]""", (await QueryAsync(client, byId)).ToJsonString());
        clock.Advance(Lag);
        Assert.Equal("""[{"q":2}]""", (await QueryAsync(client, byId)).ToJsonString());
    }
}
