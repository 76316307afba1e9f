using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.MockAdt.Jobs;

/// <summary>
/// Azurite (its blob service, in memory) and a MockAdt on loopback that reads and writes its blobs with the development
/// account's key, as the AppHost wires them. One instance for the jobs tests: a job runs at a time, and a delete job
/// empties it, so each test starts from an empty instance (<see cref="ResetAsync"/>).
/// </summary>
public sealed class JobsFixture : IAsyncLifetime
{
    public const string ApiVersion = MockAdtFixture.ApiVersion;

    public static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(90);

    public AzuriteProcess Azurite { get; private set; } = null!;

    public MockAdtHost Host { get; private set; } = null!;

    public HttpClient Owner { get; private set; } = null!;

    public BlobContainerClient Container { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteProcess.StartAsync(RepositoryPaths.Root);
        Host = await MockAdtHost.StartAsync(new Dictionary<string, string?> { ["MockAdt:Jobs:StorageConnectionString"] = Azurite.ConnectionString });
        Owner = Host.CreateClient();
        Container = Azurite.Client().GetBlobContainerClient("jobs");
        await Container.CreateIfNotExistsAsync();
    }

    /// <summary>Uploads an input file and returns its URI.</summary>
    public async Task<Uri> UploadAsync(string name, byte[] content)
    {
        var blob = Container.GetBlobClient(name);
        await blob.UploadAsync(new BinaryData(content), overwrite: true);
        return blob.Uri;
    }

    public Task<Uri> UploadAsync(string name, string content) => UploadAsync(name, Encoding.UTF8.GetBytes(content));

    public Uri OutputUri(string name) => Container.GetBlobClient(name).Uri;

    /// <summary>The output log's lines, each parsed.</summary>
    public async Task<List<JsonObject>> ReadLogAsync(Uri output)
    {
        var blob = Container.GetBlobClient(new BlobUriBuilder(output).BlobName);
        var content = (await blob.DownloadContentAsync()).Value.Content.ToString();
        return [.. content.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject())];
    }

    public async Task<HttpResponseMessage> PutImportAsync(string id, Uri input, Uri output) =>
        await Owner.PutAsJsonAsync($"/jobs/imports/{id}?{ApiVersion}", new { inputBlobUri = input.ToString(), outputBlobUri = output.ToString() });

    /// <summary>Creates an import job and waits until it reaches a final state; returns the job.</summary>
    public async Task<JsonObject> ImportAsync(string id, Uri input, Uri output)
    {
        using var response = await PutImportAsync(id, input, output);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await WaitAsync($"/jobs/imports/{id}?{ApiVersion}");
    }

    /// <summary>Polls a job until its status is final.</summary>
    public Task<JsonObject> WaitAsync(string path) =>
        Eventually.ReturnsAsync(async () => (await Owner.GetFromJsonAsync<JsonObject>(path))!,
            job => job["status"]!.GetValue<string>() is "succeeded" or "failed" or "cancelled", JobTimeout, $"a final status of {path}");

    /// <summary>Empties the instance with a delete job, as a client of ADT would.</summary>
    public async Task ResetAsync()
    {
        using var response = await Owner.PostAsync($"/jobs/deletions?{ApiVersion}", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await WaitAsync(response.Headers.GetValues("Operation-Location").Single());
        Assert.Equal("succeeded", job["status"]!.GetValue<string>());
    }

    public async Task<int> CountAsync(string query)
    {
        using var response = await Owner.PostAsJsonAsync($"/query?{ApiVersion}", new { query });
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return body["value"]![0]!["COUNT"]!.GetValue<int>();
    }

    public async Task DisposeAsync()
    {
        Owner?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class JobsTestGroup : ICollectionFixture<JobsFixture>
{
    public const string Name = "MockAdt jobs";
}
