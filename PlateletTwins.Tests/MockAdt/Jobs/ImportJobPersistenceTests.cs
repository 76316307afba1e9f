using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.MockAdt.Jobs;

/// <summary>With a data directory, a job's succeeded means committed: what it imported is there after a restart, its record is not.</summary>
[Collection(JobsTestGroup.Name)]
public sealed class ImportJobPersistenceTests(JobsFixture jobs)
{
    [Fact]
    public async Task What_an_import_job_imported_survives_a_restart_and_its_record_does_not()
    {
        var directory = Directory.CreateTempSubdirectory("mockadt-jobs-").FullName;
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["MockAdt:DataDirectory"] = directory,
                ["MockAdt:Jobs:StorageConnectionString"] = jobs.Azurite.ConnectionString,
            };
            var input = await jobs.UploadAsync("durable.ndjson", ImportGraph.Write(RepositoryPaths.Dtdl, 200, 2));
            await using (var first = await MockAdtHost.StartAsync(settings))
            {
                using var client = first.CreateClient();
                using var created = await client.PutAsJsonAsync($"/jobs/imports/durable?{JobsFixture.ApiVersion}",
                    new { inputBlobUri = input.ToString(), outputBlobUri = jobs.OutputUri("durable-log.ndjson").ToString() });
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                var job = await Eventually.ReturnsAsync(async () => (await client.GetFromJsonAsync<JsonObject>($"/jobs/imports/durable?{JobsFixture.ApiVersion}"))!,
                    j => j["status"]!.GetValue<string>() is not ("notstarted" or "running"), JobsFixture.JobTimeout, "the import job's end");
                Assert.Equal("succeeded", job["status"]!.GetValue<string>());
            }

            await using var second = await MockAdtHost.StartAsync(settings);
            using var again = second.CreateClient();
            using var query = await again.PostAsJsonAsync($"/query?{JobsFixture.ApiVersion}", new { query = "SELECT COUNT() FROM RELATIONSHIPS" });
            Assert.Equal(400, (await query.Content.ReadFromJsonAsync<JsonObject>())!["value"]![0]!["COUNT"]!.GetValue<int>());
            Assert.Equal(HttpStatusCode.OK, (await again.GetAsync($"/digitaltwins/{ImportGraph.TwinId(199)}?{JobsFixture.ApiVersion}")).StatusCode);
            await AdtAssert.ErrorAsync(await again.GetAsync($"/jobs/imports/durable?{JobsFixture.ApiVersion}"), 404, "JobNotFound");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
