using System.Text.Json.Nodes;
using Azure;
using PlateletTwins.IngestionService.Adt;
using PlateletTwins.IngestionService.Cli;
using PlateletTwins.Tests.Infrastructure;
using PlateletTwins.Tests.MockAdt;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>The ingestion service's ADT client against MockAdt over loopback HTTP, through the same pipeline it uses for Azure.</summary>
[Collection(MockAdtTestGroup.Name)]
public sealed class DigitalTwinsClientTests(MockAdtFixture adt)
{
    private DigitalTwinsClient Client(string token = MockAdtHost.OwnerToken) =>
        new(adt.Host.Address, new StaticTokenCredential(token), new DigitalTwinsClientOptions { Retry = { MaxRetries = 0 } });

    [Fact]
    public async Task Creates_updates_and_reads_a_twin()
    {
        var client = Client();
        var id = "client-" + Guid.NewGuid().ToString("N")[..8];
        var twin = new JsonObject { ["capacity"] = 2, ["$metadata"] = new JsonObject { ["$model"] = "dtmi:platelettwins:devices:Illuminator;1" } };

        var created = await client.CreateOrReplaceDigitalTwinAsync(id, twin, ETag.All);
        var patch = new JsonPatchDocument();
        patch.AppendAdd("/status", "Processing");
        var updated = await client.UpdateDigitalTwinAsync(id, patch);
        var read = await client.GetDigitalTwinAsync<JsonObject>(id);

        Assert.Equal(200, created.GetRawResponse().Status);
        Assert.Equal(204, updated.Status);
        Assert.Equal("Processing", read.Value["status"]!.GetValue<string>());
        Assert.Equal(updated.Headers.ETag?.ToString(), read.Value["$etag"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_ADT_error_surfaces_as_RequestFailedException_with_its_code()
    {
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => Client().GetDigitalTwinAsync<JsonObject>("no-such-twin"));
        Assert.Equal(404, error.Status);
        Assert.Equal("DigitalTwinNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task A_reader_token_cannot_write()
    {
        var patch = new JsonPatchDocument();
        patch.AppendAdd("/status", "Idle");
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => Client(MockAdtHost.ReaderToken).UpdateDigitalTwinAsync("anything", patch));
        Assert.Equal(403, error.Status);
    }

    [Fact]
    public async Task Lists_every_model_across_pages()
    {
        var ids = new List<string>();
        await foreach (var model in Client().GetModelsAsync())
        {
            ids.Add(model.Id);
        }
        Assert.Contains("dtmi:platelettwins:Device;1", ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Refuses_to_send_a_token_over_plain_http_to_a_remote_host()
    {
        var client = new DigitalTwinsClient(new Uri("http://adt.example.invalid"), new StaticTokenCredential("t"),
            new DigitalTwinsClientOptions { Retry = { MaxRetries = 0 } });
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetDigitalTwinAsync<JsonObject>("x"));
    }
}
