using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.MockAdt.MockAdtFixture;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>
/// The inputs a tester found answered with a 500, each with the refusal it gets now: duplicate names, lone surrogates
/// and the wrong JSON kind are ADT's 400 with the operation's code, and the twin is untouched.
/// </summary>
[Collection(MockAdtTestGroup.Name)]
public sealed class StrictInputTests(MockAdtFixture adt)
{
    [Theory]
    [InlineData("""[{"op":"add","op":"add","path":"/location","value":"x"}]""", "InvalidArgument")]
    [InlineData("""[{"op":"add","path":"/location","value":{"a":1,"a":2}}]""", "InvalidArgument")]
    [InlineData("""[{"op":"add","path":"/location","value":"\ud800"}]""", "InvalidArgument")]
    [InlineData("""[{"op":"add","path":"/\udc00","value":1}]""", "InvalidArgument")]
    [InlineData("""[{"op":1,"path":"/location","value":"x"}]""", "JsonPatchInvalid")]
    [InlineData("""[{"op":"add","path":"/a~2b","value":"x"}]""", "JsonPatchInvalid")]
    [InlineData("""[5]""", "JsonPatchInvalid")]
    public async Task A_bad_twin_patch_is_refused_and_changes_nothing(string patch, string code)
    {
        var id = await adt.CreateCentrifugeAsync();
        var before = await adt.GetTwinAsync(id);
        using var response = await adt.Owner.PatchAsync($"/digitaltwins/{id}?{ApiVersion}", PatchBody(patch));
        await AdtAssert.ErrorAsync(response, 400, code);
        Assert.True(JsonNode.DeepEquals(before, await adt.GetTwinAsync(id)));
    }

    [Theory]
    [InlineData("""{"$metadata":5}""", "ValidationFailed")]
    [InlineData("""{"$metadata":{"$model":"dtmi:platelettwins:devices:Centrifuge;1","$model":"dtmi:platelettwins:Lab;1"}}""", "InvalidArgument")]
    [InlineData("""{"$metadata":{"$model":"dtmi:platelettwins:devices:Centrifuge;1","capacity":{"sourceTime":5}},"capacity":1}""", "ValidationFailed")]
    [InlineData("""{"$metadata":{"$model":"dtmi:platelettwins:devices:Centrifuge;1","capacity":5},"capacity":1,"capacity":2}""", "InvalidArgument")]
    public async Task A_bad_twin_body_is_refused_and_creates_nothing(string body, string code)
    {
        var id = "strict-" + Guid.NewGuid().ToString("N")[..8];
        using var response = await adt.Owner.PutAsync($"/digitaltwins/{id}?{ApiVersion}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await AdtAssert.ErrorAsync(response, 400, code);
        using var get = await adt.Owner.GetAsync($"/digitaltwins/{id}?{ApiVersion}");
        await AdtAssert.ErrorAsync(get, 404, "DigitalTwinNotFound");
    }

    [Theory]
    [InlineData("""[{"op":1}]""", "JsonPatchInvalid")]
    [InlineData("""[5]""", "JsonPatchInvalid")]
    [InlineData("""[{"op":"replace","path":"/decommissioned","value":true,"value":false}]""", "InvalidArgument")]
    public async Task A_bad_model_patch_is_refused(string patch, string code)
    {
        using var response = await adt.Owner.PatchAsync($"/models/{Uri.EscapeDataString(CentrifugeModel)}?{ApiVersion}", PatchBody(patch));
        await AdtAssert.ErrorAsync(response, 400, code);
        var model = await adt.Owner.GetFromJsonAsync<JsonObject>($"/models/{Uri.EscapeDataString(CentrifugeModel)}?{ApiVersion}");
        Assert.False(model!["decommissioned"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("""{"@context":[5],"@id":"dtmi:strict:a;1","@type":"Interface"}""", "DTDLParserError")]
    [InlineData("""{"@context":"dtmi:dtdl:context;3","@id":"dtmi:strict:b;1","@type":"Interface","contents":[{"@type":"Property","name":5,"schema":"string"}]}""", "DTDLParserError")]
    [InlineData("""{"@context":"dtmi:dtdl:context;3","@id":"dtmi:strict:c;1","@type":"Interface","schemas":[{"@id":5}],"contents":[{"@type":"Property","name":"p","schema":{"@type":"Enum","valueSchema":5,"enumValues":[5]}}]}""", "DTDLParserError")]
    [InlineData("""{"@context":"dtmi:dtdl:context;3","@id":"dtmi:strict:d;1","@type":"Interface","contents":[{"@type":"Property","name":"p","schema":{"@type":"Map","mapKey":5,"mapValue":[]}}]}""", "DTDLParserError")]
    [InlineData("""{"@context":"dtmi:dtdl:context;3","@id":"dtmi:strict:e;1","@id":"dtmi:strict:f;1","@type":"Interface"}""", "InvalidArgument")]
    public async Task A_bad_model_is_refused_and_stored_nowhere(string model, string code)
    {
        using var response = await adt.Owner.PostAsync($"/models?{ApiVersion}", new StringContent($"[{model}]", System.Text.Encoding.UTF8, "application/json"));
        await AdtAssert.ErrorAsync(response, 400, code);
        var id = System.Text.RegularExpressions.Regex.Match(model, "dtmi:strict:[a-f];1").Value;
        using var get = await adt.Owner.GetAsync($"/models/{Uri.EscapeDataString(id)}?{ApiVersion}");
        await AdtAssert.ErrorAsync(get, 404, "ModelNotFound");
    }

    [Theory]
    [InlineData("/mockadt/telemetry?max=abc", 400, "InvalidArgument")]
    [InlineData("/mockadt/history/properties", 400, "MissingArgument")]
    [InlineData("/mockadt/history/properties?twinId=x&from=yesterday", 400, "InvalidArgument")]
    [InlineData("/mockadt/endpoints/nothing/events", 404, "EndpointNotFound")]
    [InlineData("/mockadt/nothing", 404, "NotFound")]
    public async Task MockAdts_own_endpoints_answer_in_the_envelope(string path, int status, string code)
    {
        using var response = await adt.Owner.GetAsync(path);
        var error = await AdtAssert.ErrorAsync(response, status, code);
        Assert.DoesNotContain("Exception", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
