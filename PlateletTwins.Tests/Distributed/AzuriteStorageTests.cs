using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;
using Azure.Storage.Blobs;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.Distributed;

/// <summary>The AppHost's Azurite and MockAdt together: an import job reads its input and writes its log through them.</summary>
[Collection(AppHostTestGroup.Name)]
public sealed class AzuriteStorageTests(AppHostFixture fixture)
{
    [Fact]
    public async Task An_import_job_reads_and_writes_its_blobs_in_the_AppHosts_Azurite()
    {
        using var cts = new CancellationTokenSource(AppHostFixture.StartTimeout);
        await fixture.App.ResourceNotifications.WaitForResourceAsync("azurite", "Running", cts.Token).WaitAsync(cts.Token);
        var endpoint = fixture.App.GetEndpoint("azurite", "blob");
        var storage = new BlobServiceClient(
            $"DefaultEndpointsProtocol=http;AccountName={AzuriteProcess.Account};AccountKey={AzuriteProcess.Key};BlobEndpoint=http://127.0.0.1:{endpoint.Port}/{AzuriteProcess.Account};");
        var container = storage.GetBlobContainerClient("apphost-jobs");
        await container.CreateIfNotExistsAsync(cancellationToken: cts.Token);
        // A model of its own: the lab's twins and the queries over them stay as they are.
        var input = container.GetBlobClient("import.ndjson");
        await input.UploadAsync(new BinaryData(string.Join('\n',
            """{"Section": "Header"}""",
            """{"fileVersion": "1.0.0", "author": "tests", "organization": "PlateletTwins"}""",
            """{"Section": "Models"}""",
            """{"@id":"dtmi:platelettwins:tests:Imported;1","@type":"Interface","@context":"dtmi:dtdl:context;3","contents":[{"@type":"Property","name":"label","schema":"string"}]}""",
            """{"Section": "Twins"}""",
            """{"$dtId":"imported-1","$metadata":{"$model":"dtmi:platelettwins:tests:Imported;1"},"label":"from Azurite"}""")), overwrite: true, cts.Token);
        var output = container.GetBlobClient("import-log.ndjson");

        using var adt = fixture.CreateAdtClient();
        using var created = await adt.PutAsJsonAsync("/jobs/imports/apphost-import?api-version=2023-10-31",
            new { inputBlobUri = input.Uri.ToString(), outputBlobUri = output.Uri.ToString() }, cts.Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var job = await Eventually.ReturnsAsync(async () => (await adt.GetFromJsonAsync<JsonObject>("/jobs/imports/apphost-import?api-version=2023-10-31", cts.Token))!,
            j => j["status"]!.GetValue<string>() is not ("notstarted" or "running"), AppHostFixture.StartTimeout, "the import job's end");

        Assert.True(job["status"]!.GetValue<string>() == "succeeded", job.ToJsonString());
        var twin = (await adt.GetFromJsonAsync<JsonObject>("/digitaltwins/imported-1?api-version=2023-10-31", cts.Token))!;
        Assert.Equal("from Azurite", twin["label"]!.GetValue<string>());
        var log = (await output.DownloadContentAsync(cts.Token)).Value.Content.ToString();
        Assert.EndsWith("\"details\":{\"status\":\"Succeeded\"}}", log.TrimEnd(), StringComparison.Ordinal);
    }
}
