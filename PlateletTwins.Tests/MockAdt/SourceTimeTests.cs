using System.Text.Json.Nodes;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.MockAdt.MockAdtFixture;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>A property's <c>sourceTime</c> is a date and time whether a PUT or a PATCH sets it: neither stores anything else.</summary>
[Collection(MockAdtTestGroup.Name)]
public sealed class SourceTimeTests(MockAdtFixture adt)
{
    public static TheoryData<string> NotATime => ["5", "true", "{}", "[]", "\"yesterday\"", "\"\"", "\"12:00\""];

    [Theory]
    [MemberData(nameof(NotATime))]
    public async Task Put_refuses_what_Patch_refuses(string value)
    {
        var id = await adt.CreateCentrifugeAsync();
        var before = await adt.GetTwinAsync(id);

        using var patch = await adt.Owner.PatchAsync($"/digitaltwins/{id}?{ApiVersion}",
            PatchBody($$"""[{"op":"add","path":"/$metadata/capacity/sourceTime","value":{{value}}}]"""));
        using var put = await adt.Owner.PutAsync($"/digitaltwins/{id}?{ApiVersion}", new StringContent(
            $$$"""{"$metadata":{"$model":"{{{CentrifugeModel}}}","capacity":{"sourceTime":{{{value}}}}},"capacity":3}""", System.Text.Encoding.UTF8, "application/json"));

        await AdtAssert.ErrorAsync(patch, 400, "JsonPatchInvalid");
        await AdtAssert.ErrorAsync(put, 400, "ValidationFailed");
        Assert.True(JsonNode.DeepEquals(before, await adt.GetTwinAsync(id)));
    }

    [Fact]
    public async Task Put_and_Patch_take_the_same_date_and_time()
    {
        var id = await adt.CreateCentrifugeAsync();
        using var put = await adt.Owner.PutAsync($"/digitaltwins/{id}?{ApiVersion}", new StringContent(
            $$$"""{"$metadata":{"$model":"{{{CentrifugeModel}}}","capacity":{"sourceTime":"2026-01-05T07:00:00Z"}},"capacity":3}""", System.Text.Encoding.UTF8, "application/json"));
        using var patch = await adt.Owner.PatchAsync($"/digitaltwins/{id}?{ApiVersion}",
            PatchBody("""[{"op":"add","path":"/$metadata/capacity/sourceTime","value":"2026-01-05T08:00:00Z"}]"""));

        Assert.Equal("2026-01-05T07:00:00Z", (await AdtAssert.JsonAsync(put))["$metadata"]!["capacity"]!["sourceTime"]!.GetValue<string>());
        Assert.Equal("2026-01-05T08:00:00Z", (await adt.GetTwinAsync(id))["$metadata"]!["capacity"]!["sourceTime"]!.GetValue<string>());
    }
}
