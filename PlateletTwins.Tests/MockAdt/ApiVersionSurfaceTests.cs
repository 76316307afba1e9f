using System.Net;
using System.Text.Json.Nodes;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.MockAdt.MockAdtFixture;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>
/// Every api-version ADT publishes is answered, each with the operations its spec has: a client pinned to a preview
/// (ADT Explorer pins 2021-06-30-preview) works, and an operation its version lacks gets the version's refusal.
/// </summary>
[Collection(MockAdtTestGroup.Name)]
public sealed class ApiVersionSurfaceTests(MockAdtFixture adt)
{
    public static TheoryData<string> Published =>
        ["2020-05-31-preview", "2020-10-31", "2021-06-30-preview", "2022-05-31", "2023-02-27-preview", "2023-06-30", "2023-10-31"];

    [Theory]
    [MemberData(nameof(Published))]
    public async Task Every_published_version_serves_the_core_operations(string version)
    {
        var id = $"v-{version}-{Guid.NewGuid():N}"[..40];
        var twin = new JsonObject { ["capacity"] = 4, ["$metadata"] = new JsonObject { ["$model"] = CentrifugeModel } };

        using var put = await adt.Owner.PutAsync($"/digitaltwins/{id}?api-version={version}", JsonBody(twin));
        using var patch = await adt.Owner.PatchAsync($"/digitaltwins/{id}?api-version={version}", PatchBody("""[{"op":"add","path":"/inUse","value":1}]"""));
        using var get = await adt.Owner.GetAsync($"/digitaltwins/{id}?api-version={version}");
        using var models = await adt.Owner.GetAsync($"/models?api-version={version}");
        using var query = await adt.Owner.PostAsync($"/query?api-version={version}",
            JsonBody(new JsonObject { ["query"] = $"SELECT * FROM DIGITALTWINS T WHERE T.$dtId = '{id}'" }));
        using var routes = await adt.Owner.GetAsync($"/eventroutes?api-version={version}");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
        Assert.Equal(1, (await AdtAssert.JsonAsync(get))["inUse"]!.GetValue<int>());
        Assert.NotEmpty((await AdtAssert.JsonAsync(models))["value"]!.AsArray());
        Assert.Single((await AdtAssert.JsonAsync(query))["value"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, routes.StatusCode);
    }

    [Fact]
    public async Task The_preview_ADT_Explorer_pins_reads_a_twin_it_wrote()
    {
        // ADT Explorer sends api-version=2021-06-30-preview on every call (Azure-Samples/digital-twins-explorer).
        const string version = "api-version=2021-06-30-preview";
        var id = await adt.CreateCentrifugeAsync();

        using var patch = await adt.Owner.PatchAsync($"/digitaltwins/{id}?{version}", PatchBody(
            """[{"op":"add","path":"/inUse","value":2},{"op":"add","path":"/$metadata/inUse/sourceTime","value":"2026-01-05T07:00:00Z"}]"""));
        var twin = await AdtAssert.JsonAsync(await adt.Owner.GetAsync($"/digitaltwins/{id}?{version}"));

        Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
        Assert.Equal("2026-01-05T07:00:00Z", twin["$metadata"]!["inUse"]!["sourceTime"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("GET", "/jobs/imports", "2020-05-31-preview")]
    [InlineData("GET", "/jobs/imports", "2020-10-31")]
    [InlineData("PUT", "/jobs/imports/job-1", "2021-06-30-preview")]
    [InlineData("POST", "/jobs/imports/job-1/cancel", "2022-05-31")]
    [InlineData("POST", "/jobs/deletions", "2023-02-27-preview")]
    [InlineData("GET", "/jobs/deletions/job-1", "2023-06-30")]
    [InlineData("GET", "/JOBS/Deletions", "2022-05-31")]
    [InlineData("POST", "/jobs/delete", "2023-06-30")]
    public async Task An_operation_the_version_lacks_is_refused_naming_the_versions_that_have_it(string method, string path, string version)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), $"{path}?api-version={version}")
        {
            Content = method == "GET" ? null : JsonBody(new JsonObject { ["inputBlobUri"] = "https://x/in.ndjson", ["outputBlobUri"] = "https://x/out.ndjson" }),
        };
        using var response = await adt.Owner.SendAsync(request);

        var error = await AdtAssert.ErrorAsync(response, 400, "UnsupportedApiVersion");
        var message = error["message"]!.GetValue<string>();
        Assert.Contains($"does not support the API version '{version}'", message, StringComparison.Ordinal);
        Assert.Contains("2023-10-31", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/jobs/imports", "2023-02-27-preview")]
    [InlineData("/jobs/imports", "2023-06-30")]
    [InlineData("/jobs/imports", "2023-10-31")]
    [InlineData("/jobs/deletions", "2023-10-31")]
    public async Task An_operation_the_version_has_passes_the_version_check(string path, string version)
    {
        using var response = await adt.Owner.GetAsync($"{path}?api-version={version}");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode != HttpStatusCode.BadRequest, $"{path} on {version}: {(int)response.StatusCode} {body}");
    }

    [Theory]
    [InlineData("", "MissingApiVersionParameter")]
    [InlineData("?api-version=2019-01-01", "InvalidApiVersionParameter")]
    public async Task A_request_for_no_operation_is_refused_for_its_api_version_before_the_404(string query, string code)
    {
        using var response = await adt.Owner.GetAsync($"/nothing{query}");

        await AdtAssert.ErrorAsync(response, 400, code);
    }

    [Theory]
    [InlineData("2019-01-01")]
    [InlineData("2021-06-30")]
    [InlineData("2023-10-31-preview")]
    [InlineData("2023-10-31 ")]
    public async Task A_version_ADT_does_not_publish_is_refused_with_the_list_of_those_it_does(string version)
    {
        using var response = await adt.Owner.GetAsync($"/models?api-version={Uri.EscapeDataString(version)}");

        var error = await AdtAssert.ErrorAsync(response, 400, "InvalidApiVersionParameter");
        Assert.Contains("2021-06-30-preview", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
