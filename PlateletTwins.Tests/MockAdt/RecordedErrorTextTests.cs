using System.Net;
using System.Text.Json.Nodes;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.MockAdt.MockAdtFixture;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>
/// The error texts the real service gave in recorded traffic, word for word (Microsoft's SDK tests assert on them);
/// <c>PlateletTwins.MockAdt/Errors/ErrorTexts.md</c> names each recording.
/// </summary>
[Collection(MockAdtTestGroup.Name)]
public sealed class RecordedErrorTextTests(MockAdtFixture adt)
{
    private static string Message(JsonObject error) => error["message"]!.GetValue<string>();

    private async Task<HttpResponseMessage> PutIfNoneMatchAsync(string path, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{path}?{ApiVersion}") { Content = JsonBody(body) };
        request.Headers.TryAddWithoutValidation("If-None-Match", "*");
        return await adt.Owner.SendAsync(request);
    }

    [Fact]
    public async Task Put_twin_with_If_None_Match_star_on_an_existing_twin()
    {
        var id = await adt.CreateCentrifugeAsync();
        var twin = new JsonObject { ["capacity"] = 1, ["$metadata"] = new JsonObject { ["$model"] = CentrifugeModel } };

        using var response = await PutIfNoneMatchAsync($"/digitaltwins/{id}", twin);

        var error = await AdtAssert.ErrorAsync(response, 412, "PreconditionFailed");
        Assert.Equal($"If-None-Match: * header was specified but a twin with the id {id} was found. Please specify a different twin id.", Message(error));
    }

    [Fact]
    public async Task Put_relationship_with_If_None_Match_star_on_an_existing_relationship()
    {
        var source = await adt.CreateCentrifugeAsync();
        var target = await adt.CreateCentrifugeAsync();
        var relationship = new JsonObject { ["$relationshipName"] = "feeds", ["$targetId"] = target };
        (await adt.Owner.PutAsync($"/digitaltwins/{source}/relationships/feeds-1?{ApiVersion}", JsonBody(relationship))).EnsureSuccessStatusCode();

        using var response = await PutIfNoneMatchAsync($"/digitaltwins/{source}/relationships/feeds-1", relationship);

        var error = await AdtAssert.ErrorAsync(response, 412, "PreconditionFailed");
        Assert.Equal("If-None-Match: * header was specified but a relationship with the id feeds-1 was found. Please specify a different relationship id.", Message(error));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task An_unknown_event_route(string method)
    {
        using var response = await adt.Owner.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/eventroutes/no-such-route?{ApiVersion}"));

        var error = await AdtAssert.ErrorAsync(response, 404, "EventRouteNotFound");
        Assert.Equal("There is no route available that matches the provided input. Check for all valid event routes by calling EventRoute_List. See Swagger example (http://aka.ms/RouteSwSmpl).", Message(error));
    }

    [Fact]
    public async Task A_model_uploaded_twice()
    {
        using var response = await adt.Owner.PostAsync($"/models?{ApiVersion}", JsonBody(new JsonArray(ProjectModels()[0]!.DeepClone())));

        var error = await AdtAssert.ErrorAsync(response, 409, "ModelIdAlreadyExists");
        Assert.Matches(@"^Some of the model ids already exist: dtmi:[^ ]+\. Use Model_List API to view models that already exist\. See the Swagger example \(http://aka\.ms/ModelListSwSmpl\)\.$", Message(error));
    }

    [Fact]
    public async Task Decommissioning_a_model_that_a_model_in_service_uses_is_a_409_until_that_one_is_decommissioned()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var baseId = $"dtmi:test:decommission:Base{suffix};1";
        var childId = $"dtmi:test:decommission:Child{suffix};1";
        JsonObject Interface(string id, string? extends = null)
        {
            var model = new JsonObject { ["@id"] = id, ["@type"] = "Interface", ["@context"] = "dtmi:dtdl:context;3" };
            if (extends is not null)
            {
                model["extends"] = extends;
            }
            return model;
        }
        (await adt.Owner.PostAsync($"/models?{ApiVersion}", JsonBody(new JsonArray(Interface(baseId), Interface(childId, baseId))))).EnsureSuccessStatusCode();
        const string decommission = """[{"op":"replace","path":"/decommissioned","value":true}]""";
        string ModelPath(string id) => $"/models/{Uri.EscapeDataString(id)}?{ApiVersion}";

        using var refused = await adt.Owner.PatchAsync(ModelPath(baseId), PatchBody(decommission));
        var error = await AdtAssert.ErrorAsync(refused, 409, "ModelReferencesNotDecommissioned");
        Assert.Contains(childId, Message(error), StringComparison.Ordinal);
        Assert.False((await AdtAssert.JsonAsync(await adt.Owner.GetAsync(ModelPath(baseId))))["decommissioned"]!.GetValue<bool>());

        using var child = await adt.Owner.PatchAsync(ModelPath(childId), PatchBody(decommission));
        using var parent = await adt.Owner.PatchAsync(ModelPath(baseId), PatchBody(decommission));
        Assert.Equal(HttpStatusCode.NoContent, child.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, parent.StatusCode);
    }
}
