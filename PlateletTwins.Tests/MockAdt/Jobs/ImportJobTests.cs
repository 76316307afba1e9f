using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.MockAdt.Jobs;

/// <summary>Import jobs end to end: the NDJSON in Azurite, the job through MockAdt's REST API, the result read back through the API and the log blob.</summary>
[Collection(JobsTestGroup.Name)]
public sealed class ImportJobTests(JobsFixture jobs) : IAsyncLifetime
{
    private const string ApiVersion = JobsFixture.ApiVersion;

    public Task InitializeAsync() => jobs.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_graph_is_imported_and_readable_through_the_API_with_a_log_in_ADTs_format()
    {
        const int twins = 1_000;
        var input = await jobs.UploadAsync("graph.ndjson", ImportGraph.Write(RepositoryPaths.Dtdl, twins, relationshipsPerTwin: 2));
        var output = jobs.OutputUri("graph-log.ndjson");

        using var created = await jobs.PutImportAsync("graph", input, output);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var accepted = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("graph", accepted["id"]!.GetValue<string>());
        Assert.Equal(input.ToString(), accepted["inputBlobUri"]!.GetValue<string>());
        Assert.Equal("notstarted", accepted["status"]!.GetValue<string>());
        Assert.True(accepted.ContainsKey("finishedDateTime") && accepted["finishedDateTime"] is null);
        var createdAt = DateTimeOffset.Parse(accepted["createdDateTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(createdAt.AddDays(30), DateTimeOffset.Parse(accepted["purgeDateTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));

        var job = await jobs.WaitAsync($"/jobs/imports/graph?{ApiVersion}");
        Assert.Equal("succeeded", job["status"]!.GetValue<string>());
        Assert.NotNull(job["finishedDateTime"]);
        Assert.False(job.ContainsKey("error"));

        Assert.Equal(twins, await jobs.CountAsync("SELECT COUNT() FROM DIGITALTWINS"));
        Assert.Equal(2 * twins, await jobs.CountAsync("SELECT COUNT() FROM RELATIONSHIPS"));
        var twin = (await jobs.Owner.GetFromJsonAsync<JsonObject>($"/digitaltwins/{ImportGraph.TwinId(7)}?{ApiVersion}"))!;
        Assert.Equal(ImportGraph.SeparatorModel, twin["$metadata"]!["$model"]!.GetValue<string>());
        Assert.Equal(8, twin["capacity"]!.GetValue<int>());
        var feeds = (await jobs.Owner.GetFromJsonAsync<JsonObject>($"/digitaltwins/{ImportGraph.TwinId(7)}/relationships?{ApiVersion}"))!;
        Assert.Equal([ImportGraph.TwinId(8), ImportGraph.TwinId(9)], feeds["value"]!.AsArray().Select(r => r!["$targetId"]!.GetValue<string>()).Order());
        var models = (await jobs.Owner.GetFromJsonAsync<JsonObject>($"/models?{ApiVersion}"))!;
        Assert.Equal(ImportGraph.Models(RepositoryPaths.Dtdl).Count, models["value"]!.AsArray().Count);

        var log = await jobs.ReadLogAsync(output);
        Assert.All(log, line =>
        {
            Assert.Equal("graph", line["jobId"]!.GetValue<string>());
            Assert.Equal("Import", line["jobType"]!.GetValue<string>());
            Assert.Equal("Info", line["logType"]!.GetValue<string>());
            Assert.EndsWith("Z", line["timestamp"]!.GetValue<string>(), StringComparison.Ordinal);
        });
        Assert.Equal(
            ["Started", "Models Started", "Models Succeeded", "Twins Started", "Twins Succeeded", "Relationships Started", "Relationships Succeeded", "Succeeded"],
            log.Select(l => l["details"]!["section"] is { } section ? $"{section} {l["details"]!["status"]}" : l["details"]!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Invalid_lines_are_logged_with_their_line_and_skipped_and_what_was_valid_stays()
    {
        var input = await jobs.UploadAsync("mixed.ndjson", string.Join('\n',
            """{"Section": "Header"}""",
            """{"fileVersion": "1.0.0", "author": "tests", "organization": "PlateletTwins"}""",
            """{"Section": "Models"}""",
            string.Join('\n', ImportGraph.Models(RepositoryPaths.Dtdl).Select(m => m.ToJsonString())),
            """{"Section": "Twins"}""",
            $$"""{"$dtId":"good-1","$metadata":{"$model":"{{ImportGraph.CentrifugeModel}}"},"capacity":4}""",
            """{"$dtId":"no-model","$metadata":{"$model":"dtmi:platelettwins:Missing;1"}}""",
            """{"$dtId": not json""",
            $$"""{"$dtId":"good-2","$metadata":{"$model":"{{ImportGraph.CentrifugeModel}}"},"capacity":"twelve"}""",
            $$$"""{"$dtId":"good-3","$metadata":{"$model":"{{{ImportGraph.SeparatorModel}}}"}}""",
            """{"Section": "Relationships"}""",
            """{"$relationshipId":"r1","$targetId":"good-3","$relationshipName":"feeds"}""",
            """{"$dtId":"good-1","$relationshipId":"r1","$targetId":"good-3","$relationshipName":"feeds"}""",
            """{"$dtId":"good-1","$relationshipId":"r2","$targetId":"nowhere","$relationshipName":"feeds"}"""));
        var output = jobs.OutputUri("mixed-log.ndjson");
        var job = await jobs.ImportAsync("mixed", input, output);

        Assert.Equal("failed", job["status"]!.GetValue<string>());
        Assert.Equal("ImportFailed", job["error"]!["code"]!.GetValue<string>());
        // Not atomic: the valid lines were imported.
        Assert.Equal(HttpStatusCode.OK, (await jobs.Owner.GetAsync($"/digitaltwins/good-1?{ApiVersion}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await jobs.Owner.GetAsync($"/digitaltwins/good-3?{ApiVersion}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await jobs.Owner.GetAsync($"/digitaltwins/good-1/relationships/r1?{ApiVersion}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await jobs.Owner.GetAsync($"/digitaltwins/no-model?{ApiVersion}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await jobs.Owner.GetAsync($"/digitaltwins/good-2?{ApiVersion}")).StatusCode);

        var log = await jobs.ReadLogAsync(output);
        var errors = log.Where(l => l["logType"]!.GetValue<string>() == "Error" && l["details"]!["line"] is not null).ToList();
        var modelLines = ImportGraph.Models(RepositoryPaths.Dtdl).Count;
        var twinsStart = 4 + modelLines;
        Assert.Equal([twinsStart + 2, twinsStart + 3, twinsStart + 4, twinsStart + 7, twinsStart + 9], errors.Select(e => e["details"]!["line"]!.GetValue<int>()));
        Assert.Equal(["Twins", "Twins", "Twins", "Relationships", "Relationships"], errors.Select(e => e["details"]!["section"]!.GetValue<string>()));
        Assert.Equal("ValidationFailed", errors[0]["details"]!["exceptionType"]!.GetValue<string>());
        Assert.Equal("UnsupportedFileFormat", errors[1]["details"]!["exceptionType"]!.GetValue<string>());
        Assert.Equal("Relationship must have property $dtId representing the ID of the source twin.", errors[3]["details"]!["message"]!.GetValue<string>());
        Assert.Equal("TargetDigitalTwinNotFound", errors[4]["details"]!["exceptionType"]!.GetValue<string>());
        Assert.Contains(log, l => l["logType"]!.GetValue<string>() == "Error" && l["details"]!["section"]?.GetValue<string>() == "Twins" && l["details"]!["status"]?.GetValue<string>() == "Failed");
        Assert.Contains(log, l => l["details"]!["section"]?.GetValue<string>() == "Models" && l["details"]!["status"]?.GetValue<string>() == "Succeeded");
        Assert.Equal("Failed", log[^1]["details"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_file_that_does_not_start_with_its_header_fails_the_job()
    {
        var input = await jobs.UploadAsync("headless.ndjson", """{"Section": "Twins"}""" + "\n" + """{"$dtId":"x","$metadata":{"$model":"dtmi:a:b;1"}}""");
        var job = await jobs.ImportAsync("headless", input, jobs.OutputUri("headless-log.ndjson"));
        Assert.Equal("failed", job["status"]!.GetValue<string>());
        Assert.Equal("UnsupportedFileFormat", job["error"]!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await jobs.Owner.GetAsync($"/digitaltwins/x?{ApiVersion}")).StatusCode);
    }

    [Fact]
    public async Task Job_ids_are_unique_unknown_ids_are_JobNotFound_and_a_deleted_record_frees_its_id()
    {
        var input = await jobs.UploadAsync("small.ndjson", ImportGraph.Write(RepositoryPaths.Dtdl, 10, 1));
        var job = await jobs.ImportAsync("once", input, jobs.OutputUri("once-log.ndjson"));
        Assert.Equal("succeeded", job["status"]!.GetValue<string>());

        using var again = await jobs.PutImportAsync("once", input, jobs.OutputUri("once-again.ndjson"));
        await AdtAssert.ErrorAsync(again, (int)HttpStatusCode.Conflict, "JobIdAlreadyExists");
        Assert.Contains("Provided Job ID already exists: once.", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var unknown = await jobs.Owner.GetAsync($"/jobs/imports/nope?{ApiVersion}");
        await AdtAssert.ErrorAsync(unknown, (int)HttpStatusCode.NotFound, "JobNotFound");

        var list = (await jobs.Owner.GetFromJsonAsync<JsonObject>($"/jobs/imports?{ApiVersion}"))!;
        Assert.Contains(list["value"]!.AsArray(), j => j!["id"]!.GetValue<string>() == "once");
        Assert.True(list.ContainsKey("nextLink") && list["nextLink"] is null);

        using var deleted = await jobs.Owner.DeleteAsync($"/jobs/imports/once?{ApiVersion}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await jobs.Owner.GetAsync($"/jobs/imports/once?{ApiVersion}");
        await AdtAssert.ErrorAsync(gone, (int)HttpStatusCode.NotFound, "JobNotFound");
        // The record went; what it imported stays.
        Assert.Equal(10, await jobs.CountAsync("SELECT COUNT() FROM DIGITALTWINS"));
    }

    [Theory]
    [InlineData("invalidUri", "Azure Storage Blob URI 'invalidUri' failed validation. Invalid URI: The format of the URI could not be determined.")]
    [InlineData("ftp://example.net/c/b", "Azure Storage Blob URI 'ftp://example.net/c/b' failed validation.")]
    [InlineData("https://account.blob.core.windows.net/only-a-container", "failed validation. The URI must name a container and a blob in it.")]
    public async Task A_blob_URI_that_is_not_one_is_InvalidArgument(string uri, string message)
    {
        using var response = await jobs.Owner.PutAsJsonAsync($"/jobs/imports/bad-uri?{ApiVersion}", new { inputBlobUri = uri, outputBlobUri = jobs.OutputUri("x.ndjson").ToString() });
        await AdtAssert.ErrorAsync(response, (int)HttpStatusCode.BadRequest, "InvalidArgument");
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AdtAssert.ErrorAsync(await jobs.Owner.GetAsync($"/jobs/imports/bad-uri?{ApiVersion}"), (int)HttpStatusCode.NotFound, "JobNotFound");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"inputBlobUri":"https://a.blob.core.windows.net/c/b"}""")]
    [InlineData("""{"inputBlobUri":1,"outputBlobUri":true}""")]
    [InlineData("[]")]
    [InlineData("""{"inputBlobUri":"https://a.blob.core.windows.net/c/b","outputBlobUri":"https://a.blob.core.windows.net/c/b"}""")]
    public async Task A_body_without_both_blob_URIs_is_ValidationFailed(string body)
    {
        using var response = await jobs.Owner.PutAsync($"/jobs/imports/bad-body?{ApiVersion}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await AdtAssert.ErrorAsync(response, (int)HttpStatusCode.BadRequest, "ValidationFailed");
    }

    [Fact]
    public async Task One_job_runs_at_a_time_and_a_cancelled_job_stops_keeping_what_it_imported()
    {
        const int twins = 30_000;
        var input = await jobs.UploadAsync("large.ndjson", ImportGraph.Write(RepositoryPaths.Dtdl, twins, 0));
        using var created = await jobs.PutImportAsync("large", input, jobs.OutputUri("large-log.ndjson"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var second = await jobs.PutImportAsync("second", input, jobs.OutputUri("second-log.ndjson"));
        await AdtAssert.ErrorAsync(second, (int)HttpStatusCode.BadRequest, "JobLimitReached");
        using var delete = await jobs.Owner.PostAsync($"/jobs/deletions?{ApiVersion}", null);
        await AdtAssert.ErrorAsync(delete, (int)HttpStatusCode.BadRequest, "JobLimitReached");
        using var deleteRunning = await jobs.Owner.DeleteAsync($"/jobs/imports/large?{ApiVersion}");
        await AdtAssert.ErrorAsync(deleteRunning, (int)HttpStatusCode.BadRequest, "ValidationFailed");

        // Cancelled once it runs (30,000 twins take it seconds): a job cancelled before the worker took it never
        // starts, and has no log to end.
        await Eventually.ReturnsAsync(
            async () => (await jobs.Owner.GetFromJsonAsync<JsonObject>($"/jobs/imports/large?{ApiVersion}"))!["status"]!.GetValue<string>(),
            status => status == "running", TimeSpan.FromSeconds(10), "the large import running");
        using var cancel = await jobs.Owner.PostAsync($"/jobs/imports/large/cancel?{ApiVersion}", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("cancelling", (await cancel.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        var job = await jobs.WaitAsync($"/jobs/imports/large?{ApiVersion}");
        Assert.Equal("cancelled", job["status"]!.GetValue<string>());
        Assert.NotNull(job["finishedDateTime"]);
        // What it imported stays, none rolled back; on a loaded machine the cancel can land after the last line was read.
        Assert.InRange(await jobs.CountAsync("SELECT COUNT() FROM DIGITALTWINS"), 0, twins);
        Assert.Equal("Cancelled", (await jobs.ReadLogAsync(jobs.OutputUri("large-log.ndjson")))[^1]["details"]!["status"]!.GetValue<string>());

        using var cancelAgain = await jobs.Owner.PostAsync($"/jobs/imports/large/cancel?{ApiVersion}", null);
        await AdtAssert.ErrorAsync(cancelAgain, (int)HttpStatusCode.BadRequest, "ValidationFailed");
        using var cancelUnknown = await jobs.Owner.PostAsync($"/jobs/imports/nope/cancel?{ApiVersion}", null);
        await AdtAssert.ErrorAsync(cancelUnknown, (int)HttpStatusCode.NotFound, "JobNotFound");
    }

    [Fact]
    public async Task Blobs_the_job_cannot_use_fail_the_job_not_the_request()
    {
        var missingInput = await jobs.ImportAsync("no-input", jobs.OutputUri("does-not-exist.ndjson"), jobs.OutputUri("no-input-log.ndjson"));
        Assert.Equal("failed", missingInput["status"]!.GetValue<string>());
        Assert.Equal("UnableToReadInputBlob", missingInput["error"]!["code"]!.GetValue<string>());

        var input = await jobs.UploadAsync("fine.ndjson", ImportGraph.Write(RepositoryPaths.Dtdl, 2, 0));
        var noContainer = new Uri(jobs.Azurite.BlobEndpoint + "/no-such-container/log.ndjson");
        var unwritable = await jobs.ImportAsync("no-output", input, noContainer);
        Assert.Equal("failed", unwritable["status"]!.GetValue<string>());
        Assert.Equal("UnableToWriteToOutputBlob", unwritable["error"]!["code"]!.GetValue<string>());
        Assert.Equal(0, await jobs.CountAsync("SELECT COUNT() FROM DIGITALTWINS"));
    }
}
