using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.MockAdt.MockAdtFixture;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>Tokens MockAdt issues itself at <c>POST /mockadt/token</c>, with the role asked for.</summary>
[Collection(MockAdtTestGroup.Name)]
public sealed class IssuedTokenTests(MockAdtFixture adt)
{
    private async Task<string> IssueAsync(object request)
    {
        using var anonymous = adt.Host.CreateClient(token: null);
        using var response = await anonymous.PostAsJsonAsync("/mockadt/token", request);
        var body = await AdtAssert.JsonAsync(response);
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        return body["access_token"]!.GetValue<string>();
    }

    [Fact]
    public async Task An_issued_Data_Owner_token_writes()
    {
        using var client = adt.Host.CreateClient(await IssueAsync(new { role = "DataOwner" }));
        var twin = new JsonObject { ["$metadata"] = new JsonObject { ["$model"] = CentrifugeModel } };
        using var response = await client.PutAsync($"/digitaltwins/issued-{Guid.NewGuid():N}?{ApiVersion}", JsonBody(twin));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_issued_Data_Reader_token_reads_and_is_forbidden_to_write()
    {
        using var client = adt.Host.CreateClient(await IssueAsync(new { role = "DataReader" }));
        using var read = await client.GetAsync($"/models?{ApiVersion}");
        using var write = await client.PostAsync($"/models?{ApiVersion}", JsonBody(new JsonArray()));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task A_tampered_token_is_refused()
    {
        var token = await IssueAsync(new { role = "DataReader" });
        var parts = token.Split('.');
        var forged = $"{parts[0]}.{parts[1].Replace("RGF0YVJlYWRlc", "RGF0YU93bmVy", StringComparison.Ordinal)}x.{parts[2]}";
        using var client = adt.Host.CreateClient(forged);
        using var response = await client.GetAsync($"/models?{ApiVersion}");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
