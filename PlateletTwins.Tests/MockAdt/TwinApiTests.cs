using System.Net;
using System.Text.Json.Nodes;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.MockAdt.MockAdtFixture;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>The twins API: PUT, GET, PATCH with ADT's JSON Patch rules, DELETE, ETags and validation.</summary>
[Collection(MockAdtTestGroup.Name)]
public sealed class TwinApiTests(MockAdtFixture adt)
{
    private async Task<HttpResponseMessage> PatchAsync(string id, string patch, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/digitaltwins/{id}?{ApiVersion}") { Content = PatchBody(patch) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return await adt.Owner.SendAsync(request);
    }

    [Fact]
    public async Task Put_answers_200_with_the_twin_its_weak_ETag_and_metadata()
    {
        var twin = new JsonObject { ["capacity"] = 12, ["$metadata"] = new JsonObject { ["$model"] = CentrifugeModel } };
        using var response = await adt.Owner.PutAsync($"/digitaltwins/put-{Guid.NewGuid():N}?{ApiVersion}", JsonBody(twin));

        var body = await AdtAssert.JsonAsync(response, 200);
        var etag = response.Headers.ETag!.ToString();
        Assert.StartsWith("W/\"", etag, StringComparison.Ordinal);
        Assert.Equal(etag, body["$etag"]!.GetValue<string>());
        Assert.Equal(12, body["capacity"]!.GetValue<int>());
        Assert.Equal(CentrifugeModel, body["$metadata"]!["$model"]!.GetValue<string>());
        Assert.NotNull(body["$metadata"]!["capacity"]!["lastUpdateTime"]);
        Assert.Equal(["$dtId", "$etag"], body.Select(p => p.Key).Take(2));
        Assert.Equal("$metadata", body.Last().Key);
    }

    [Fact]
    public async Task Put_with_If_None_Match_star_on_an_existing_twin_is_PreconditionFailed()
    {
        var id = await adt.CreateCentrifugeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/digitaltwins/{id}?{ApiVersion}")
        {
            Content = JsonBody(new JsonObject { ["$metadata"] = new JsonObject { ["$model"] = CentrifugeModel } }),
        };
        request.Headers.TryAddWithoutValidation("If-None-Match", "*");
        using var response = await adt.Owner.SendAsync(request);
        await AdtAssert.ErrorAsync(response, 412, "PreconditionFailed");
    }

    [Fact]
    public async Task If_None_Match_other_than_star_is_an_InvalidArgument_with_the_services_message()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/digitaltwins/x-{Guid.NewGuid():N}?{ApiVersion}")
        {
            Content = JsonBody(new JsonObject { ["$metadata"] = new JsonObject { ["$model"] = CentrifugeModel } }),
        };
        request.Headers.TryAddWithoutValidation("If-None-Match", "W/\"abc\"");
        using var response = await adt.Owner.SendAsync(request);
        var error = await AdtAssert.ErrorAsync(response, 400, "InvalidArgument");
        Assert.Equal("Invalid If-None-Match header value. Allowed value(s): If-None-Match: *", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_with_an_unknown_model_is_ValidationFailed_with_details()
    {
        var twin = new JsonObject { ["$metadata"] = new JsonObject { ["$model"] = "dtmi:test:Missing;1" } };
        using var response = await adt.Owner.PutAsync($"/digitaltwins/m-{Guid.NewGuid():N}?{ApiVersion}", JsonBody(twin));
        var error = await AdtAssert.ErrorAsync(response, 400, "ValidationFailed");
        Assert.Contains("dtmi:test:Missing;1", error["details"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_add_upserts_answers_204_with_a_new_ETag_and_stamps_metadata_and_source_time()
    {
        var id = await adt.CreateCentrifugeAsync();
        var before = await adt.GetTwinAsync(id);

        using var response = await PatchAsync(id, """
            [{"op":"add","path":"/status","value":"Processing"},
             {"op":"add","path":"/$metadata/status/sourceTime","value":"2026-01-05T09:30:00Z"}]
            """);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.NotEqual(before["$etag"]!.GetValue<string>(), response.Headers.ETag!.ToString());
        var after = await adt.GetTwinAsync(id);
        Assert.Equal("Processing", after["status"]!.GetValue<string>());
        Assert.Equal("2026-01-05T09:30:00Z", after["$metadata"]!["status"]!["sourceTime"]!.GetValue<string>());
        Assert.NotNull(after["$metadata"]!["status"]!["lastUpdateTime"]);
        Assert.Equal(response.Headers.ETag!.ToString(), after["$etag"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_replace_of_an_unset_property_is_JsonPatchInvalid_where_add_succeeds()
    {
        var id = await adt.CreateCentrifugeAsync();
        using var replace = await PatchAsync(id, """[{"op":"replace","path":"/inUse","value":3}]""");
        await AdtAssert.ErrorAsync(replace, 400, "JsonPatchInvalid");

        using var add = await PatchAsync(id, """[{"op":"add","path":"/inUse","value":3}]""");
        Assert.Equal(HttpStatusCode.NoContent, add.StatusCode);
    }

    [Theory]
    [InlineData("move")]
    [InlineData("copy")]
    [InlineData("test")]
    public async Task Only_add_replace_and_remove_are_supported(string op)
    {
        var id = await adt.CreateCentrifugeAsync();
        using var response = await PatchAsync(id, $$"""[{"op":"{{op}}","from":"/capacity","path":"/inUse","value":1}]""");
        var error = await AdtAssert.ErrorAsync(response, 400, "JsonPatchInvalid");
        Assert.StartsWith($"Unsupported operation type {op}.", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"op":"add","path":"/inUse","value":"three"}]""")]
    [InlineData("""[{"op":"add","path":"/status","value":"Sleeping"}]""")]
    [InlineData("""[{"op":"add","path":"/rpm","value":3000}]""")]
    [InlineData("""[{"op":"add","path":"/feeds","value":"separator-01"}]""")]
    [InlineData("""[{"op":"add","path":"/position","value":{"x":1,"q":2}}]""")]
    public async Task A_patch_the_model_does_not_allow_is_ValidationFailed(string patch)
    {
        var id = await adt.CreateCentrifugeAsync();
        using var response = await PatchAsync(id, patch);
        var error = await AdtAssert.ErrorAsync(response, 400, "ValidationFailed");
        Assert.NotEmpty(error["details"]!.AsArray());
    }

    [Fact]
    public async Task A_patch_is_atomic_a_failing_operation_leaves_the_twin_unchanged()
    {
        var id = await adt.CreateCentrifugeAsync();
        var before = await adt.GetTwinAsync(id);
        using var response = await PatchAsync(id, """
            [{"op":"add","path":"/inUse","value":4},{"op":"replace","path":"/queueLength","value":1}]
            """);
        await AdtAssert.ErrorAsync(response, 400, "JsonPatchInvalid");
        Assert.Equal(before.ToJsonString(), (await adt.GetTwinAsync(id)).ToJsonString());
    }

    [Fact]
    public async Task An_object_sub_property_needs_its_parent_and_then_patches_in_place()
    {
        var id = await adt.CreateCentrifugeAsync();
        using var orphan = await PatchAsync(id, """[{"op":"add","path":"/position/x","value":1.5}]""");
        await AdtAssert.ErrorAsync(orphan, 400, "JsonPatchInvalid");

        using var parent = await PatchAsync(id, """[{"op":"add","path":"/position","value":{"x":0,"y":0,"z":0}}]""");
        using var child = await PatchAsync(id, """[{"op":"replace","path":"/position/x","value":1.5}]""");
        Assert.Equal(HttpStatusCode.NoContent, child.StatusCode);
        Assert.Equal(1.5, (await adt.GetTwinAsync(id))["position"]!["x"]!.GetValue<double>());
    }

    [Fact]
    public async Task Remove_deletes_the_value_and_its_metadata()
    {
        var id = await adt.CreateCentrifugeAsync(new JsonObject { ["capacity"] = 6, ["location"] = "Room 2" });
        using var response = await PatchAsync(id, """[{"op":"remove","path":"/location"}]""");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var twin = await adt.GetTwinAsync(id);
        Assert.Null(twin["location"]);
        Assert.Null(twin["$metadata"]!["location"]);
    }

    [Fact]
    public async Task If_Match_with_a_stale_ETag_is_PreconditionFailed_and_a_current_one_passes()
    {
        var id = await adt.CreateCentrifugeAsync();
        var etag = (await adt.GetTwinAsync(id))["$etag"]!.GetValue<string>();
        using var first = await PatchAsync(id, """[{"op":"add","path":"/inUse","value":1}]""", etag);
        using var stale = await PatchAsync(id, """[{"op":"add","path":"/inUse","value":2}]""", etag);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        var error = await AdtAssert.ErrorAsync(stale, 412, "PreconditionFailed");
        Assert.Contains(etag, error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task If_Match_that_is_not_an_ETag_is_an_InvalidArgument_with_the_services_message()
    {
        var id = await adt.CreateCentrifugeAsync();
        using var response = await PatchAsync(id, """[{"op":"add","path":"/inUse","value":1}]""", "abc");
        var error = await AdtAssert.ErrorAsync(response, 400, "InvalidArgument");
        Assert.Equal("Invalid If-Match header value. Allowed value(s): If-Match: {etag} or If-Match: *", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Concurrent_patches_on_one_twin_all_apply()
    {
        var id = await adt.CreateCentrifugeAsync();
        var names = new[] { "inUse", "queueLength", "totalProcessed", "failures", "capacity" };
        var patches = Enumerable.Range(0, 50).Select(i => PatchAsync(id, $$"""[{"op":"add","path":"/{{names[i % names.Length]}}","value":{{i}}}]"""));
        foreach (var response in await Task.WhenAll(patches))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            response.Dispose();
        }
        var twin = await adt.GetTwinAsync(id);
        foreach (var (name, index) in names.Select((n, i) => (n, i)))
        {
            // Each property was written ten times; whichever write landed last, every property is present.
            Assert.Equal(index, twin[name]!.GetValue<int>() % names.Length);
        }
    }

    [Fact]
    public async Task Delete_answers_204_and_the_twin_is_gone()
    {
        var id = await adt.CreateCentrifugeAsync();
        using var delete = await adt.Owner.DeleteAsync($"/digitaltwins/{id}?{ApiVersion}");
        using var get = await adt.Owner.GetAsync($"/digitaltwins/{id}?{ApiVersion}");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        var error = await AdtAssert.ErrorAsync(get, 404, "DigitalTwinNotFound");
        Assert.Contains(id, error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_change_in_a_patch_revalidates_the_twin_against_the_new_model()
    {
        var id = await adt.CreateCentrifugeAsync();
        using var response = await PatchAsync(id, """[{"op":"replace","path":"/$metadata/$model","value":"dtmi:platelettwins:Lab;1"}]""");
        // capacity is a Device property, not a Lab one.
        await AdtAssert.ErrorAsync(response, 400, "ValidationFailed");
    }
}
