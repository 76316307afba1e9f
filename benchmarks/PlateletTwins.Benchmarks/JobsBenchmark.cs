using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PlateletTwins.MockAdt.Hosting;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Benchmarks;

/// <summary>
/// The Jobs API's figures: an import job of the project's models, 10,000 twins and 20,000 relationships from an NDJSON
/// blob in Azurite, then a delete job of all of it, each timed from the request to the job's final state (polled every
/// 20 ms) and by its own section log lines. MockAdt runs in this process, Azurite in its own.
/// </summary>
internal static class JobsBenchmark
{
    private const string ApiVersion = "api-version=2023-10-31";
    private const int Twins = 10_000;
    private const int RelationshipsPerTwin = 2;
    private const int Rounds = 3;

    public static async Task RunAsync()
    {
        await using var azurite = await AzuriteProcess.StartAsync(Repository.Root);
        var (app, address) = await LoopbackApp.StartAsync(
            new Dictionary<string, string?>
            {
                ["MockAdt:Auth:Tokens:0:Value"] = MockAdtHarness.Token,
                ["MockAdt:Jobs:StorageConnectionString"] = azurite.ConnectionString,
            },
            b => b.AddMockAdt(),
            a => a.MapMockAdt());
        await using var _ = app;
        using var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", MockAdtHarness.Token);
        var container = azurite.Client().GetBlobContainerClient("jobs");
        await container.CreateIfNotExistsAsync();
        var file = ImportGraph.Write(Path.Combine(Repository.Root, "dtdl"), Twins, RelationshipsPerTwin);
        var input = container.GetBlobClient("graph.ndjson");
        await input.UploadAsync(new BinaryData(file), overwrite: true);
        var models = ImportGraph.Models(Path.Combine(Repository.Root, "dtdl")).Count;
        var entities = models + Twins + Twins * RelationshipsPerTwin;
        Console.WriteLine($"Jobs benchmark: {Environment.ProcessorCount} cores; an import file of {models} models, {Twins:N0} twins, {Twins * RelationshipsPerTwin:N0} relationships ({file.Length / 1024.0 / 1024.0:0.0} MB) in Azurite; {Rounds} rounds of import then delete");

        var importRates = new List<double>();
        var deleteRates = new List<double>();
        for (var round = 1; round <= Rounds; round++)
        {
            var output = container.GetBlobClient($"log-{round}.ndjson");
            var clock = Stopwatch.StartNew();
            using (var put = await client.PutAsJsonAsync($"/jobs/imports/bench-{round}?{ApiVersion}", new { inputBlobUri = input.Uri.ToString(), outputBlobUri = output.Uri.ToString() }))
            {
                put.EnsureSuccessStatusCode();
            }
            var job = await WaitAsync(client, $"/jobs/imports/bench-{round}?{ApiVersion}");
            var imported = clock.Elapsed;
            Require(job, "import");
            var log = (await output.DownloadContentAsync()).Value.Content.ToString()
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
            var twinsTime = SectionTime(log, "Twins");
            var relationshipsTime = SectionTime(log, "Relationships");
            importRates.Add(entities / imported.TotalSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  round {round}: import {imported.TotalSeconds:0.00} s, {entities / imported.TotalSeconds:N0} entities/s (twins {Twins / twinsTime.TotalSeconds:N0}/s, relationships {Twins * RelationshipsPerTwin / relationshipsTime.TotalSeconds:N0}/s by the log)"));

            clock.Restart();
            string location;
            using (var post = await client.PostAsync($"/jobs/deletions?{ApiVersion}", null))
            {
                post.EnsureSuccessStatusCode();
                location = post.Headers.GetValues("Operation-Location").Single();
            }
            Require(await WaitAsync(client, new Uri(location).PathAndQuery), "delete");
            var deleted = clock.Elapsed;
            deleteRates.Add(entities / deleted.TotalSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {round}: delete {deleted.TotalSeconds:0.00} s, {entities / deleted.TotalSeconds:N0} entities/s"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  import job, median of {Rounds}: {Median(importRates):N0} entities/s  (ADT documents about 1,700 twins/s: 1M twins in about 10 min)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  delete job, median of {Rounds}: {Median(deleteRates):N0} entities/s"));
    }

    private static async Task<JsonObject> WaitAsync(HttpClient client, string path)
    {
        while (true)
        {
            var job = (await client.GetFromJsonAsync<JsonObject>(path))!;
            if (job["status"]!.GetValue<string>() is "succeeded" or "failed" or "cancelled")
            {
                return job;
            }
            await Task.Delay(20);
        }
    }

    private static void Require(JsonObject job, string what)
    {
        if (job["status"]!.GetValue<string>() != "succeeded")
        {
            throw new InvalidOperationException($"The {what} job did not succeed: {job.ToJsonString()}");
        }
    }

    private static TimeSpan SectionTime(List<JsonObject> log, string section)
    {
        DateTimeOffset At(string status) => DateTimeOffset.Parse(
            log.Single(l => l["details"]!["section"]?.GetValue<string>() == section && l["details"]!["status"]!.GetValue<string>() == status)["timestamp"]!.GetValue<string>(),
            CultureInfo.InvariantCulture);
        return At("Succeeded") - At("Started");
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
