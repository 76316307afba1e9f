using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>One MockAdt on loopback with the project's own models uploaded, shared by the MockAdt tests.</summary>
public sealed class MockAdtFixture : IAsyncLifetime
{
    public const string ApiVersion = "api-version=2023-10-31";
    public const string CentrifugeModel = "dtmi:platelettwins:devices:Centrifuge;1";

    public MockAdtHost Host { get; private set; } = null!;

    public HttpClient Owner { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await MockAdtHost.StartAsync();
        Owner = Host.CreateClient();
        using var response = await Owner.PostAsync($"/models?{ApiVersion}", JsonBody(ProjectModels()));
        response.EnsureSuccessStatusCode();
    }

    public static JsonArray ProjectModels() =>
        [.. Directory.EnumerateFiles(RepositoryPaths.Dtdl, "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => JsonNode.Parse(File.ReadAllText(path)))];

    /// <summary>Creates a centrifuge twin with a fresh id and returns the id.</summary>
    public async Task<string> CreateCentrifugeAsync(JsonObject? properties = null)
    {
        var id = "centrifuge-" + Guid.NewGuid().ToString("N")[..8];
        var twin = properties ?? new JsonObject { ["capacity"] = 12 };
        twin["$metadata"] = new JsonObject { ["$model"] = CentrifugeModel };
        using var response = await Owner.PutAsync($"/digitaltwins/{id}?{ApiVersion}", JsonBody(twin));
        response.EnsureSuccessStatusCode();
        return id;
    }

    public async Task<JsonObject> GetTwinAsync(string id) =>
        (await Owner.GetFromJsonAsync<JsonObject>($"/digitaltwins/{id}?{ApiVersion}"))!;

    public static StringContent JsonBody(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    public static StringContent PatchBody(string json) => new(json, Encoding.UTF8, "application/json-patch+json");

    public async Task DisposeAsync()
    {
        Owner?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class MockAdtTestGroup : ICollectionFixture<MockAdtFixture>
{
    public const string Name = "MockAdt";
}
