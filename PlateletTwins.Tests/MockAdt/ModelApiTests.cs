using System.Net;
using System.Text.Json.Nodes;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.MockAdt.MockAdtFixture;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>The models API: upload, get, list, decommission, delete, with ADT's codes.</summary>
[Collection(MockAdtTestGroup.Name)]
public sealed class ModelApiTests(MockAdtFixture adt)
{
    private static JsonObject Interface(string id, string contents = "[]", string? extends = null) =>
        (JsonObject)JsonNode.Parse($$"""
            { "@context": "dtmi:dtdl:context;3", "@id": "{{id}}", "@type": "Interface"{{(extends is null ? "" : $", \"extends\": \"{extends}\"")}},
              "displayName": "Test", "contents": {{contents}} }
            """)!;

    private static string NewId(string name) => $"dtmi:test:{name}{Guid.NewGuid():N};1";

    [Fact]
    public async Task Upload_answers_201_with_model_data_and_no_definition()
    {
        var id = NewId("Room");
        using var response = await adt.Owner.PostAsync($"/models?{ApiVersion}", JsonBody(new JsonArray(Interface(id))));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var data = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Single()!;
        Assert.Equal(id, data["id"]!.GetValue<string>());
        Assert.Equal("Test", data["displayName"]!["en"]!.GetValue<string>());
        Assert.False(data["decommissioned"]!.GetValue<bool>());
        Assert.Null(data["model"]);
    }

    [Fact]
    public async Task Uploading_an_existing_model_is_ModelIdAlreadyExists()
    {
        using var response = await adt.Owner.PostAsync($"/models?{ApiVersion}", JsonBody(new JsonArray(Interface(CentrifugeModel))));
        await AdtAssert.ErrorAsync(response, 409, "ModelIdAlreadyExists");
    }

    [Theory]
    [InlineData("""[{ "@type": "Relationship", "name": "r", "properties": [{ "name": "w", "schema": "double" }] }]""")]
    [InlineData("""[{ "@type": "Property", "name": "temperature", "schema": "celsius" }]""")]
    [InlineData("""[{ "@type": "Property", "name": "9lives", "schema": "string" }]""")]
    [InlineData("""[{ "@type": "Property", "name": "a", "schema": "string" }, { "@type": "Telemetry", "name": "a", "schema": "double" }]""")]
    public async Task Invalid_DTDL_is_a_DTDLParserError_and_nothing_of_the_upload_is_kept(string contents)
    {
        var good = NewId("Good");
        var bad = NewId("Bad");
        using var response = await adt.Owner.PostAsync($"/models?{ApiVersion}", JsonBody(new JsonArray(Interface(good), Interface(bad, contents))));
        await AdtAssert.ErrorAsync(response, 400, "DTDLParserError");

        using var get = await adt.Owner.GetAsync($"/models/{Uri.EscapeDataString(good)}?{ApiVersion}");
        await AdtAssert.ErrorAsync(get, 404, "ModelNotFound");
    }

    // Microsoft's DTDL parser takes Commands, and no source shows ADT refusing them at upload.
    [Fact]
    public async Task A_Command_is_taken_as_the_DTDL_parser_takes_it()
    {
        using var response = await adt.Owner.PostAsync($"/models?{ApiVersion}",
            JsonBody(new JsonArray(Interface(NewId("WithCommand"), """[{ "@type": "Command", "name": "reboot", "request": { "name": "delay", "schema": "duration" } }]"""))));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Extending_an_unknown_interface_is_a_DTDLParserError()
    {
        using var response = await adt.Owner.PostAsync($"/models?{ApiVersion}",
            JsonBody(new JsonArray(Interface(NewId("Orphan"), extends: "dtmi:test:Nowhere;1"))));
        await AdtAssert.ErrorAsync(response, 400, "DTDLParserError");
    }

    [Fact]
    public async Task Get_returns_the_definition_only_when_asked()
    {
        var id = Uri.EscapeDataString(CentrifugeModel);
        var plain = await AdtAssert.JsonAsync(await adt.Owner.GetAsync($"/models/{id}?{ApiVersion}"));
        var full = await AdtAssert.JsonAsync(await adt.Owner.GetAsync($"/models/{id}?includeModelDefinition=true&{ApiVersion}"));

        Assert.Null(plain["model"]);
        Assert.Equal("dtmi:platelettwins:Device;1", full["model"]!["extends"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_malformed_model_id_is_an_InvalidArgument()
    {
        using var response = await adt.Owner.GetAsync($"/models/not-a-dtmi?{ApiVersion}");
        await AdtAssert.ErrorAsync(response, 400, "InvalidArgument");
    }

    [Fact]
    public async Task Deleting_a_model_another_extends_is_ModelReferencesNotDeleted()
    {
        using var response = await adt.Owner.DeleteAsync($"/models/{Uri.EscapeDataString("dtmi:platelettwins:Device;1")}?{ApiVersion}");
        var error = await AdtAssert.ErrorAsync(response, 409, "ModelReferencesNotDeleted");
        Assert.Contains("dtmi:platelettwins:devices:Centrifuge;1", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decommissioning_is_idempotent_and_stops_new_twins_of_the_model()
    {
        var id = NewId("Retired");
        (await adt.Owner.PostAsync($"/models?{ApiVersion}", JsonBody(new JsonArray(Interface(id))))).EnsureSuccessStatusCode();
        const string patch = """[{"op":"replace","path":"/decommissioned","value":true}]""";

        using var first = await adt.Owner.PatchAsync($"/models/{Uri.EscapeDataString(id)}?{ApiVersion}", PatchBody(patch));
        using var second = await adt.Owner.PatchAsync($"/models/{Uri.EscapeDataString(id)}?{ApiVersion}", PatchBody(patch));
        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);

        var twin = new JsonObject { ["$metadata"] = new JsonObject { ["$model"] = id } };
        using var put = await adt.Owner.PutAsync($"/digitaltwins/retired-{Guid.NewGuid():N}?{ApiVersion}", JsonBody(twin));
        await AdtAssert.ErrorAsync(put, 400, "ModelDecommissioned");
    }

    [Fact]
    public async Task Listing_with_dependenciesFor_returns_the_model_and_what_it_extends()
    {
        var page = await AdtAssert.JsonAsync(await adt.Owner.GetAsync(
            $"/models?dependenciesFor={Uri.EscapeDataString(CentrifugeModel)}&{ApiVersion}"));
        var ids = page["value"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["dtmi:platelettwins:Device;1", CentrifugeModel], ids);
        Assert.Null(page["nextLink"]);
    }

    [Fact]
    public async Task Listing_pages_by_100_with_an_absolute_nextLink_the_client_follows()
    {
        var prefix = $"dtmi:paging{Guid.NewGuid():N}:";
        var models = new JsonArray([.. Enumerable.Range(0, 150).Select(i => (JsonNode)Interface($"{prefix}M{i};1"))]);
        (await adt.Owner.PostAsync($"/models?{ApiVersion}", JsonBody(models))).EnsureSuccessStatusCode();

        var seen = new List<string>();
        var next = $"/models?{ApiVersion}";
        var pages = 0;
        while (next is not null)
        {
            var page = await AdtAssert.JsonAsync(await adt.Owner.GetAsync(next));
            Assert.True(page["value"]!.AsArray().Count <= 100);
            seen.AddRange(page["value"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()));
            next = page["nextLink"]?.GetValue<string>();
            Assert.True(next is null || next.StartsWith(adt.Host.Address.ToString(), StringComparison.Ordinal), next);
            pages++;
        }

        Assert.True(pages >= 2);
        Assert.Equal(150, seen.Count(id => id.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task More_than_250_models_in_one_call_is_LimitExceeded()
    {
        var models = new JsonArray([.. Enumerable.Range(0, 251).Select(i => (JsonNode)Interface(NewId($"Many{i}x")))]);
        using var response = await adt.Owner.PostAsync($"/models?{ApiVersion}", JsonBody(models));
        await AdtAssert.ErrorAsync(response, 400, "LimitExceeded");
    }
}
