using System.Net;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.MockAdt.MockAdtFixture;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>
/// Each request's kind comes from the endpoint it matched: the role an operation needs is what it declares, not a guess
/// from its method; a request that matched no operation still meets the gateway; MockAdt's own endpoints have none.
/// </summary>
[Collection(MockAdtTestGroup.Name)]
public sealed class RequestKindTests(MockAdtFixture adt)
{
    [Fact]
    public async Task A_query_is_a_POST_that_a_Data_Reader_may_send()
    {
        using var reader = adt.Host.CreateClient(MockAdtHost.ReaderToken);
        using var response = await reader.PostAsync($"/query?{ApiVersion}", JsonBody(new System.Text.Json.Nodes.JsonObject { ["query"] = "SELECT * FROM digitaltwins" }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_Data_Reader_lists_event_routes_but_may_not_delete_one()
    {
        using var reader = adt.Host.CreateClient(MockAdtHost.ReaderToken);
        using var list = await reader.GetAsync($"/eventroutes?{ApiVersion}");
        using var delete = await reader.DeleteAsync($"/eventroutes/some-route?{ApiVersion}");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Empty(await delete.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("GET", "/nothing")]
    [InlineData("DELETE", "/query")]
    public async Task A_request_for_no_operation_without_a_token_gets_the_gateways_401(string method, string path)
    {
        using var anonymous = adt.Host.CreateClient(token: null);
        using var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"{path}?{ApiVersion}"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"statusCode":401,"message":"Unauthorized"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task With_a_token_no_route_is_a_404_and_no_route_with_the_method_a_405_in_the_envelope()
    {
        await AdtAssert.ErrorAsync(await adt.Owner.GetAsync($"/nothing?{ApiVersion}"), 404, "NotFound");
        await AdtAssert.ErrorAsync(await adt.Owner.DeleteAsync($"/query?{ApiVersion}"), 405, "MethodNotAllowed");
    }

    [Fact]
    public async Task MockAdts_own_paths_need_no_token_even_where_nothing_answers()
    {
        using var anonymous = adt.Host.CreateClient(token: null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/mockadt/limits")).StatusCode);
        await AdtAssert.ErrorAsync(await anonymous.GetAsync("/mockadt/nothing"), 404, "NotFound");
    }
}
