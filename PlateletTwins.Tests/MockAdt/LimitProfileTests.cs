using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.MockAdt.MockAdtFixture;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>The rate limits of the cloud profile and the faults of the chaos profile, each on a MockAdt of its own.</summary>
public sealed class LimitProfileTests
{
    private static async Task<(MockAdtHost Host, HttpClient Client, string TwinId)> StartWithTwinAsync(Dictionary<string, string?> settings, TimeProvider? clock = null)
    {
        var host = await MockAdtHost.StartAsync(settings, clock is null ? null : services => services.AddSingleton(clock));
        var client = host.CreateClient();
        (await client.PostAsync($"/models?{ApiVersion}", JsonBody(ProjectModels()))).EnsureSuccessStatusCode();
        var twin = new JsonObject { ["$metadata"] = new JsonObject { ["$model"] = CentrifugeModel } };
        (await client.PutAsync($"/digitaltwins/c1?{ApiVersion}", JsonBody(twin))).EnsureSuccessStatusCode();
        return (host, client, "c1");
    }

    [Fact]
    public async Task Under_the_cloud_profile_one_twin_takes_10_writes_a_second_and_the_rest_get_ADTs_429()
    {
        // On a clock that stands still, the bucket refills only when the test moves it: every count is exact.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
        var (host, client, id) = await StartWithTwinAsync(new() { ["MockAdt:Limits:Profile"] = "cloud" }, clock);
        await using var _ = host;
        using var __ = client;
        // The twin's bucket full again after the PUT that created it.
        clock.Advance(TimeSpan.FromSeconds(1));

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            client.PatchAsync($"/digitaltwins/{id}?{ApiVersion}", PatchBody($$"""[{"op":"add","path":"/inUse","value":{{i}}}]"""))));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.NoContent));
        var throttled = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(20, throttled.Count);
        var sample = throttled[0];
        Assert.Equal("application/json", sample.Content.Headers.ContentType?.ToString());
        Assert.Equal(TimeSpan.FromSeconds(1), sample.Headers.RetryAfter?.Delta);
        var body = JsonNode.Parse(await sample.Content.ReadAsStringAsync())!;
        Assert.Equal(429, body["error"]!["statusCode"]!.GetValue<int>());
        Assert.Null(body["error"]!["code"]);

        // Honouring Retry-After is enough to be let through again.
        clock.Advance(sample.Headers.RetryAfter!.Delta!.Value);
        using var after = await client.PatchAsync($"/digitaltwins/{id}?{ApiVersion}", PatchBody("""[{"op":"add","path":"/inUse","value":1}]"""));
        Assert.Equal(HttpStatusCode.NoContent, after.StatusCode);
    }

    [Fact]
    public async Task Without_a_profile_nothing_is_throttled()
    {
        var (host, client, id) = await StartWithTwinAsync([]);
        await using var _ = host;
        using var __ = client;
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            client.PatchAsync($"/digitaltwins/{id}?{ApiVersion}", PatchBody($$"""[{"op":"add","path":"/inUse","value":{{i}}}]"""))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
    }

    [Fact]
    public async Task The_chaos_profile_injects_429s_503s_and_dropped_connections_at_its_rates()
    {
        await using var host = await MockAdtHost.StartAsync(new Dictionary<string, string?>
        {
            ["MockAdt:Limits:Profile"] = "chaos",
            ["MockAdt:Limits:Chaos:ThrottleRate"] = "0.2",
            ["MockAdt:Limits:Chaos:ServiceUnavailableRate"] = "0.2",
            ["MockAdt:Limits:Chaos:DropConnectionRate"] = "0.2",
            ["MockAdt:Limits:Chaos:LatencyRate"] = "0",
        });
        using var client = host.CreateClient();
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < 200; i++)
        {
            string outcome;
            try
            {
                using var response = await client.GetAsync($"/models?{ApiVersion}");
                outcome = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    await AdtAssert.ErrorAsync(response, 503, "ServiceUnavailable");
                }
            }
            catch (HttpRequestException)
            {
                outcome = "dropped";
            }
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        // 200 draws at 20 % each: every kind of fault shows, and most requests still pass.
        Assert.InRange(outcomes.GetValueOrDefault("429"), 15, 70);
        Assert.InRange(outcomes.GetValueOrDefault("503"), 15, 70);
        Assert.InRange(outcomes.GetValueOrDefault("dropped"), 15, 70);
        Assert.InRange(outcomes.GetValueOrDefault("200"), 60, 140);
    }
}
