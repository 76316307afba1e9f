using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.MockAdt.MockAdtFixture;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>
/// MockAdt in a process of its own, killed with SIGKILL while it takes writes, then started again on the same
/// directory: with persistence every write it acknowledged is there; without, the graph is gone (which the ingestion
/// service then has to recover from).
/// </summary>
public sealed class PersistenceKillTests : IDisposable
{
    private const int Twins = 16;

    private readonly string _directory = Directory.CreateTempSubdirectory("mockadt-kill-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private sealed class Acknowledged
    {
        public int Value { get; set; }

        public string? ETag { get; set; }

        public int Count;
    }

    [Fact]
    public async Task Every_write_acknowledged_before_a_kill_9_is_there_after_the_restart()
    {
        var acknowledged = Enumerable.Range(0, Twins).Select(_ => new Acknowledged()).ToArray();
        await using (var mockAdt = await MockAdtProcess.StartAsync(_directory))
        {
            using var client = mockAdt.CreateClient();
            await ProvisionAsync(client);
            for (var i = 0; i < Twins; i++)
            {
                await PatchAsync(client, i, 0);
            }
            await WaitForHistoryAsync(client, $"t{Twins - 1}");
            // A write acknowledged after history recorded its rows is committed in the same commit as they are or a later one.
            await PatchAsync(client, 0, 0);

            // One writer per twin, each write after the previous one's answer, so the last acknowledged value is known.
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, Twins).Select(i => Task.Run(async () =>
            {
                for (var value = 1; !stop.IsCancellationRequested; value++)
                {
                    try
                    {
                        var etag = await PatchAsync(client, i, value, stop.Token);
                        (acknowledged[i].Value, acknowledged[i].ETag) = (value, etag);
                        Interlocked.Increment(ref acknowledged[i].Count);
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                    {
                        return;
                    }
                }
            })).ToList();
            // Killed while every writer is under way; bounded for a loaded machine, not a pause.
            await Eventually.TrueAsync(() => acknowledged.All(a => Volatile.Read(ref a.Count) >= 5), TimeSpan.FromSeconds(20), "five acknowledged writes of every twin");
            mockAdt.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        await using (var mockAdt = await MockAdtProcess.StartAsync(_directory))
        {
            using var client = mockAdt.CreateClient();
            for (var i = 0; i < Twins; i++)
            {
                using var response = await client.GetAsync($"/digitaltwins/t{i}?{ApiVersion}");
                var twin = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                var value = twin["inUse"]!.GetValue<int>();
                // The write in flight at the kill may have been committed without its answer getting out.
                Assert.InRange(value, acknowledged[i].Value, acknowledged[i].Value + 1);
                if (value == acknowledged[i].Value)
                {
                    Assert.Equal(acknowledged[i].ETag, response.Headers.ETag!.ToString());
                }
                if (i + 1 < Twins)
                {
                    using var relationship = await client.GetAsync($"/digitaltwins/t{i}/relationships/feeds-t{i + 1}?{ApiVersion}");
                    Assert.Equal(HttpStatusCode.OK, relationship.StatusCode);
                }
            }
            var models = await client.GetFromJsonAsync<JsonObject>($"/models?{ApiVersion}");
            Assert.Equal(ProjectModels().Count, models!["value"]!.AsArray().Count);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/eventroutes/all?{ApiVersion}")).StatusCode);
            var history = await client.GetFromJsonAsync<JsonObject>($"/mockadt/history/properties?twinId=t{Twins - 1}&key=inUse");
            Assert.Equal(0, history!["value"]!.AsArray()[0]!["Value"]!.GetValue<int>());
            var lifecycle = await client.GetStringAsync("/mockadt/history/twins.csv");
            Assert.Equal(Twins, lifecycle.Split("\r\n").Count(line => line.Contains(",Create,", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Without_a_data_directory_a_kill_9_leaves_an_empty_instance()
    {
        await using (var mockAdt = await MockAdtProcess.StartAsync(dataDirectory: null))
        {
            using var client = mockAdt.CreateClient();
            await ProvisionAsync(client);
            await PatchAsync(client, 0, 5);
            mockAdt.Kill();
        }

        await using (var mockAdt = await MockAdtProcess.StartAsync(dataDirectory: null))
        {
            using var client = mockAdt.CreateClient();
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/digitaltwins/t0?{ApiVersion}")).StatusCode);
            Assert.Empty((await client.GetFromJsonAsync<JsonObject>($"/models?{ApiVersion}"))!["value"]!.AsArray());
            Assert.Empty((await client.GetFromJsonAsync<JsonObject>($"/eventroutes?{ApiVersion}"))!["value"]!.AsArray());
        }
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));
    }

    private static async Task ProvisionAsync(HttpClient client)
    {
        (await client.PostAsync($"/models?{ApiVersion}", JsonBody(ProjectModels()))).EnsureSuccessStatusCode();
        for (var i = 0; i < Twins; i++)
        {
            var twin = new JsonObject { ["capacity"] = 12, ["$metadata"] = new JsonObject { ["$model"] = CentrifugeModel } };
            (await client.PutAsync($"/digitaltwins/t{i}?{ApiVersion}", JsonBody(twin))).EnsureSuccessStatusCode();
        }
        for (var i = 0; i + 1 < Twins; i++)
        {
            var relationship = new JsonObject { ["$relationshipName"] = "feeds", ["$targetId"] = $"t{i + 1}" };
            (await client.PutAsync($"/digitaltwins/t{i}/relationships/feeds-t{i + 1}?{ApiVersion}", JsonBody(relationship))).EnsureSuccessStatusCode();
        }
        (await client.PutAsJsonAsync($"/eventroutes/all?{ApiVersion}", new { endpointName = "stream", filter = "true" })).EnsureSuccessStatusCode();
    }

    private static async Task<string> PatchAsync(HttpClient client, int twin, int value, CancellationToken cancellationToken = default)
    {
        using var response = await client.PatchAsync($"/digitaltwins/t{twin}?{ApiVersion}",
            PatchBody($$"""[{"op":"add","path":"/inUse","value":{{value}}},{"op":"add","path":"/$metadata/inUse/sourceTime","value":"2026-01-05T07:00:00Z"}]"""),
            cancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return response.Headers.ETag!.ToString();
    }

    private static Task WaitForHistoryAsync(HttpClient client, string twinId) =>
        Eventually.TrueAsync(async () => (await client.GetFromJsonAsync<JsonObject>($"/mockadt/history/properties?twinId={twinId}&key=inUse"))!["value"]!.AsArray().Count > 0,
            TimeSpan.FromSeconds(5), $"a history row of {twinId}.inUse");
}
