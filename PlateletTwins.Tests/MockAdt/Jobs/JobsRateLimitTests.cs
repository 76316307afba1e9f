using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.MockAdt.Jobs;

/// <summary>Under the cloud profile the Jobs API has ADT's rate: 1 request a second (service limits).</summary>
public sealed class JobsRateLimitTests
{
    [Fact]
    public async Task The_jobs_API_takes_one_request_a_second_under_the_cloud_profile()
    {
        // On a clock that moves only when the test says: two requests a slow machine sends a second apart are still in
        // one second of the budget's.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
        await using var host = await MockAdtHost.StartAsync(
            new Dictionary<string, string?> { ["MockAdt:Limits:Profile"] = "cloud" }, services => services.AddSingleton<TimeProvider>(clock));
        using var client = host.CreateClient();
        using var first = await client.GetAsync($"/jobs/imports?{MockAdtFixture.ApiVersion}");
        using var second = await client.GetAsync($"/jobs/deletions?{MockAdtFixture.ApiVersion}");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("1", second.Headers.GetValues("Retry-After").Single());
        // Other APIs keep their own budgets.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/models?{MockAdtFixture.ApiVersion}")).StatusCode);
    }
}
