using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.MockAdt.Jobs;

/// <summary>Delete jobs: everything goes, in ADT's order, tracked through Operation-Location.</summary>
[Collection(JobsTestGroup.Name)]
public sealed class DeleteJobTests(JobsFixture jobs) : IAsyncLifetime
{
    private const string ApiVersion = JobsFixture.ApiVersion;

    public Task InitializeAsync() => jobs.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_delete_job_empties_the_instance_and_is_tracked_through_its_Operation_Location()
    {
        var input = await jobs.UploadAsync("to-delete.ndjson", ImportGraph.Write(RepositoryPaths.Dtdl, 500, 2));
        Assert.Equal("succeeded", (await jobs.ImportAsync("to-delete", input, jobs.OutputUri("to-delete-log.ndjson")))["status"]!.GetValue<string>());
        // A component-free model referenced by others (Device is the base of every device model) must go last.
        Assert.NotEmpty((await jobs.Owner.GetFromJsonAsync<JsonObject>($"/models?{ApiVersion}"))!["value"]!.AsArray());

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/jobs/deletions?{ApiVersion}&timeoutInMinutes=60");
        request.Headers.Add("operation-id", "wipe-1");
        using var response = await jobs.Owner.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("wipe-1", response.Headers.GetValues("Operation-Id").Single());
        var location = new Uri(response.Headers.GetValues("Operation-Location").Single());
        Assert.Equal(new Uri(jobs.Host.Address, $"/jobs/deletions/wipe-1?{ApiVersion}"), location);
        var accepted = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("wipe-1", accepted["id"]!.GetValue<string>());
        Assert.Equal("notstarted", accepted["status"]!.GetValue<string>());
        Assert.NotNull(accepted["purgeDateTime"]);

        var job = await jobs.WaitAsync(location.PathAndQuery);
        Assert.Equal("succeeded", job["status"]!.GetValue<string>());
        Assert.NotNull(job["finishedDateTime"]);
        Assert.Equal(0, await jobs.CountAsync("SELECT COUNT() FROM DIGITALTWINS"));
        Assert.Equal(0, await jobs.CountAsync("SELECT COUNT() FROM RELATIONSHIPS"));
        Assert.Empty((await jobs.Owner.GetFromJsonAsync<JsonObject>($"/models?{ApiVersion}"))!["value"]!.AsArray());

        var list = (await jobs.Owner.GetFromJsonAsync<JsonObject>($"/jobs/deletions?{ApiVersion}"))!;
        Assert.Contains(list["value"]!.AsArray(), j => j!["id"]!.GetValue<string>() == "wipe-1");

        using var repeat = new HttpRequestMessage(HttpMethod.Post, $"/jobs/deletions?{ApiVersion}");
        repeat.Headers.Add("operation-id", "wipe-1");
        await AdtAssert.ErrorAsync(await jobs.Owner.SendAsync(repeat), (int)HttpStatusCode.BadRequest, "ValidationFailed");
    }

    [Fact]
    public async Task Without_an_operation_id_one_is_generated_and_the_path_of_the_earlier_spec_works_too()
    {
        using var response = await jobs.Owner.PostAsync($"/jobs/delete?{ApiVersion}", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = response.Headers.GetValues("Operation-Id").Single();
        Assert.True(Guid.TryParse(id, out _), id);
        var job = await jobs.WaitAsync($"/jobs/delete/{id}?{ApiVersion}");
        Assert.Equal("succeeded", job["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("14")]
    [InlineData("1441")]
    [InlineData("sixty")]
    public async Task A_timeout_outside_15_minutes_to_24_hours_is_ValidationFailed(string minutes)
    {
        using var response = await jobs.Owner.PostAsync($"/jobs/deletions?{ApiVersion}&timeoutInMinutes={minutes}", null);
        await AdtAssert.ErrorAsync(response, (int)HttpStatusCode.BadRequest, "ValidationFailed");
    }

    [Fact]
    public async Task An_unknown_delete_job_is_DeleteJobNotFound()
    {
        using var response = await jobs.Owner.GetAsync($"/jobs/deletions/nope?{ApiVersion}");
        await AdtAssert.ErrorAsync(response, (int)HttpStatusCode.NotFound, "DeleteJobNotFound");
    }

    [Fact]
    public async Task A_data_reader_may_read_jobs_but_not_start_them()
    {
        using var reader = jobs.Host.CreateClient(MockAdtHost.ReaderToken);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/jobs/deletions?{ApiVersion}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync($"/jobs/deletions?{ApiVersion}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PutAsJsonAsync($"/jobs/imports/r?{ApiVersion}", new { inputBlobUri = "https://a.blob.core.windows.net/c/b", outputBlobUri = "https://a.blob.core.windows.net/c/o" })).StatusCode);
    }
}
