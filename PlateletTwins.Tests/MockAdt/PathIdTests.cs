using System.Net;
using System.Text.Json.Nodes;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.MockAdt.MockAdtFixture;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>
/// Ids in the path are decoded once, as ADT decodes them: the SDKs send the twin <c>a/b</c> as <c>a%2Fb</c> and the
/// twin <c>a%2Fb</c> as <c>a%252Fb</c>, two twins.
/// </summary>
[Collection(MockAdtTestGroup.Name)]
public sealed class PathIdTests(MockAdtFixture adt)
{
    private static JsonObject Centrifuge(int capacity) =>
        new() { ["capacity"] = capacity, ["$metadata"] = new JsonObject { ["$model"] = CentrifugeModel } };

    [Fact]
    public async Task An_encoded_slash_is_part_of_the_id_and_an_encoded_percent_is_another_twin()
    {
        var prefix = "slash-" + Guid.NewGuid().ToString("N")[..8];
        var slashed = $"{prefix}/b";
        var percent = $"{prefix}%2Fb";

        using var putSlashed = await adt.Owner.PutAsync($"/digitaltwins/{Uri.EscapeDataString(slashed)}?{ApiVersion}", JsonBody(Centrifuge(1)));
        using var putPercent = await adt.Owner.PutAsync($"/digitaltwins/{Uri.EscapeDataString(percent)}?{ApiVersion}", JsonBody(Centrifuge(2)));

        Assert.Equal(slashed, (await AdtAssert.JsonAsync(putSlashed))["$dtId"]!.GetValue<string>());
        Assert.Equal(percent, (await AdtAssert.JsonAsync(putPercent))["$dtId"]!.GetValue<string>());
        var readSlashed = await AdtAssert.JsonAsync(await adt.Owner.GetAsync($"/digitaltwins/{prefix}%2Fb?{ApiVersion}"));
        var readPercent = await AdtAssert.JsonAsync(await adt.Owner.GetAsync($"/digitaltwins/{prefix}%252Fb?{ApiVersion}"));
        Assert.Equal(1, readSlashed["capacity"]!.GetValue<int>());
        Assert.Equal(2, readPercent["capacity"]!.GetValue<int>());

        var rows = await AdtAssert.JsonAsync(await adt.Owner.PostAsync($"/query?{ApiVersion}",
            JsonBody(new JsonObject { ["query"] = $"SELECT * FROM DIGITALTWINS T WHERE T.$dtId = '{slashed}'" })));
        Assert.Equal(1, Assert.Single(rows["value"]!.AsArray())!["capacity"]!.GetValue<int>());
    }

    [Fact]
    public async Task Relationship_ids_and_their_source_are_decoded_the_same_way()
    {
        var source = "src/" + Guid.NewGuid().ToString("N")[..8];
        var target = await adt.CreateCentrifugeAsync();
        (await adt.Owner.PutAsync($"/digitaltwins/{Uri.EscapeDataString(source)}?{ApiVersion}", JsonBody(Centrifuge(1)))).EnsureSuccessStatusCode();
        var path = $"/digitaltwins/{Uri.EscapeDataString(source)}/relationships/{Uri.EscapeDataString("feeds/1")}?{ApiVersion}";

        using var put = await adt.Owner.PutAsync(path, JsonBody(new JsonObject { ["$relationshipName"] = "feeds", ["$targetId"] = target }));

        var relationship = await AdtAssert.JsonAsync(put);
        Assert.Equal("feeds/1", relationship["$relationshipId"]!.GetValue<string>());
        Assert.Equal(source, relationship["$sourceId"]!.GetValue<string>());
        var incoming = await AdtAssert.JsonAsync(await adt.Owner.GetAsync($"/digitaltwins/{target}/incomingrelationships?{ApiVersion}"));
        Assert.Equal(source, Assert.Single(incoming["value"]!.AsArray())!["$sourceId"]!.GetValue<string>());
        using var delete = await adt.Owner.DeleteAsync(path);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
    }
}
