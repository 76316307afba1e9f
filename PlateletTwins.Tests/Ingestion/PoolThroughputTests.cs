using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PlateletTwins.IngestionService.DeadLetters;
using PlateletTwins.IngestionService.Scheduling;
using PlateletTwins.Tests.Infrastructure;
using Xunit.Abstractions;
using static PlateletTwins.Tests.Ingestion.PoolMessages;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>
/// How fast pools' lifecycles go through the intake and the writer into MockAdt, with the service durable (its database
/// on disk): a burst under the cloud profile, where ADT's budgets set the pace (every pool's locatedAt spends the lab
/// twin's 10 writes a second twice), and the same without budgets, which is the service's own cost per change.
/// </summary>
public sealed class PoolThroughputTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("cloud", 100)]
    [InlineData("off", 300)]
    public async Task A_burst_of_pools_goes_through_to_ADT(string profile, int pools)
    {
        var data = Directory.CreateTempSubdirectory("platelettwins-pools-").FullName;
        try
        {
            await using var adt = await MockAdtHost.StartAsync(new Dictionary<string, string?> { ["MockAdt:Limits:Profile"] = profile });
            var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = data };
            if (profile == "off")
            {
                // No budgets to keep: what is measured is the service.
                settings["Writes:PerTwinRate"] = "100000";
                settings["Writes:CreateDeleteRate"] = "100000";
                settings["Writes:InstanceRate"] = "100000";
            }
            await using var ingestion = await IngestionHost.StartAsync(adt.Address, settings);
            using var client = ingestion.CreateClient();
            (await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(client, "/api/runs", IntakeMessages.Run("run-burst"))).EnsureSuccessStatusCode();
            var items = Interleave(Enumerable.Range(1, pools).Select(pool => Journey("run-burst", pool, Route.Length, released: true, out _, minute: pool)));
            var changes = items.Count(i => i.IsChange);

            var clock = Stopwatch.StartNew();
            await SendAsync(client, "run-burst", items, size: 200);
            var accepted = clock.Elapsed;
            await PoolReads.WaitUntilDoneAsync(client, "run-burst", TimeSpan.FromSeconds(55));
            var done = clock.Elapsed;

            Assert.Equal(0, ingestion.Services.GetRequiredService<AdaptiveRateLimiter>().Throttled);
            Assert.Empty(ingestion.Services.GetRequiredService<DeadLetterStore>().List());
            using var reader = adt.CreateClient();
            Assert.Equal(2 * pools, (await PoolReads.TwinLifecycleAsync(reader)).Count(r => r.TwinId.StartsWith(PlateletTwins.Dtdl.Lab.ProcessFlowModel.TwinId(Lab, ""), StringComparison.Ordinal)));
            output.WriteLine($"{profile}: {pools} pools, {changes} changes and {items.Count - changes} updates; accepted in {accepted.TotalSeconds:F2} s, "
                + $"all in ADT in {done.TotalSeconds:F2} s: {changes / done.TotalSeconds:F0} changes/s ({(items.Count) / done.TotalSeconds:F0} items/s), "
                + $"{done.TotalMilliseconds / changes:F2} ms a change of wall time");
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
