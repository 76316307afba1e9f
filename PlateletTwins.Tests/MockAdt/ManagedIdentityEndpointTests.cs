using System.Net;
using System.Text.Json.Nodes;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.MockAdt.MockAdtFixture;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>
/// MockAdt's managed identity endpoint, in the convention Azure.Identity's ManagedIdentityCredential speaks
/// (IDENTITY_ENDPOINT, IDENTITY_HEADER): its protocol over HTTP, and the real credential, in a process given only the
/// environment variables, getting a token there that MockAdt takes.
/// </summary>
public sealed class ManagedIdentityEndpointTests : IAsyncLifetime
{
    private const string Secret = "identity-header-for-tests";
    private const string Resource = "https%3A%2F%2Fdigitaltwins.azure.net";

    private MockAdtHost _adt = null!;

    public async Task InitializeAsync() =>
        _adt = await MockAdtHost.StartAsync(new Dictionary<string, string?> { ["MockAdt:Auth:IdentityHeader"] = Secret });

    public async Task DisposeAsync() => await _adt.DisposeAsync();

    private async Task<HttpResponseMessage> AskAsync(string? header, string query = $"api-version=2019-08-01&resource={Resource}")
    {
        using var client = _adt.CreateClient(token: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/mockadt/msi/token?{query}");
        if (header is not null)
        {
            request.Headers.Add("X-IDENTITY-HEADER", header);
        }
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task It_answers_as_App_Service_does_with_a_token_MockAdt_takes_for_a_Data_Owner()
    {
        using var response = await AskAsync(Secret);

        var body = await AdtAssert.JsonAsync(response);
        Assert.Equal(["access_token", "expires_on", "resource", "token_type", "client_id"], body.Select(p => p.Key));
        var expiresOn = long.Parse(body["expires_on"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.FromUnixTimeSeconds(expiresOn), DateTimeOffset.UtcNow.AddHours(23), DateTimeOffset.UtcNow.AddHours(25));
        Assert.Equal("https://digitaltwins.azure.net", body["resource"]!.GetValue<string>());
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());

        using var client = _adt.CreateClient(body["access_token"]!.GetValue<string>());
        using var upload = await client.PostAsync($"/models?{ApiVersion}", JsonBody(new JsonArray(ProjectModels()[0]!.DeepClone())));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("identity-header-for-test")]
    [InlineData("IDENTITY-HEADER-FOR-TESTS")]
    public async Task A_wrong_or_missing_identity_header_is_403_with_an_empty_body_as_Azures_endpoint_answers(string? header)
    {
        using var response = await AskAsync(header);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("api-version=2019-08-01&resource=https%3A%2F%2Fvault.azure.net")]
    [InlineData("api-version=2019-08-01")]
    [InlineData("api-version=2017-09-01&resource=" + Resource)]
    [InlineData("resource=" + Resource)]
    public async Task A_request_for_another_resource_or_protocol_version_is_a_400_that_names_why(string query)
    {
        using var response = await AskAsync(Secret, query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrWhiteSpace(error?["message"]?.GetValue<string>()));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Azure_Identitys_credential_in_a_process_given_only_the_variables_gets_a_token_that_works(bool managedIdentityOnly)
    {
        var environment = new Dictionary<string, string>
        {
            ["IDENTITY_ENDPOINT"] = new Uri(_adt.Address, "/mockadt/msi/token").ToString(),
            ["IDENTITY_HEADER"] = Secret,
        };
        if (managedIdentityOnly)
        {
            // As the AppHost and the deployment set it: the managed identity alone; without it, DefaultAzureCredential's whole chain.
            environment["AZURE_TOKEN_CREDENTIALS"] = "ManagedIdentityCredential";
        }

        var run = await ProvisionAsync(environment);

        Assert.True(run.ExitCode == 0, $"provision failed ({run.ExitCode}): {run.Output}\n{run.Error}");
        using var client = _adt.CreateClient();
        var models = await AdtAssert.JsonAsync(await client.GetAsync($"/models?{ApiVersion}"));
        Assert.Equal(ProjectModels().Count, models["value"]!.AsArray().Count);
    }

    [Fact]
    public async Task With_a_wrong_IDENTITY_HEADER_the_credential_fails_and_nothing_is_written()
    {
        var run = await ProvisionAsync(new Dictionary<string, string>
        {
            ["IDENTITY_ENDPOINT"] = new Uri(_adt.Address, "/mockadt/msi/token").ToString(),
            ["IDENTITY_HEADER"] = "not-the-header",
            ["AZURE_TOKEN_CREDENTIALS"] = "ManagedIdentityCredential",
        });

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("ManagedIdentityCredential", run.Output + run.Error, StringComparison.Ordinal);
        using var client = _adt.CreateClient();
        Assert.Empty((await AdtAssert.JsonAsync(await client.GetAsync($"/models?{ApiVersion}")))["value"]!.AsArray());
    }

    [Fact]
    public async Task Without_an_identity_header_configured_the_endpoint_is_off()
    {
        await using var adt = await MockAdtHost.StartAsync();
        using var client = adt.CreateClient(token: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/mockadt/msi/token?api-version=2019-08-01&resource={Resource}");
        request.Headers.Add("X-IDENTITY-HEADER", "");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    // The ingestion service's provision command, as a process of its own: no token given, so its credential is the service's.
    private async Task<ProcessRun.Result> ProvisionAsync(Dictionary<string, string> environment) =>
        await ProcessRun.RunAsync("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "PlateletTwins.IngestionService.dll"), "provision", "--endpoint", _adt.Address.ToString()],
            TimeSpan.FromMinutes(1), AppContext.BaseDirectory, environment);
}
