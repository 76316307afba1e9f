using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>
/// Microsoft's samples for its ADT client for JavaScript (<c>@azure/digital-twins-core</c>, samples/v1/javascript),
/// written again as node:test suites (<c>Conformance/sample-*.test.mjs</c>), each against a fresh MockAdt as each ran
/// against a fresh instance (they reuse fixed model and twin ids). Only the endpoint is changed; the credential is the
/// samples' own <c>DefaultAzureCredential</c> from <c>@azure/identity</c>, which finds MockAdt's managed identity
/// endpoint through the variables Azure would set.
/// </summary>
public sealed class SdkSampleTests
{
    private const string IdentityHeader = "identity-header-for-the-samples";

    [Theory]
    [InlineData("sample-models-lifecycle.test.mjs")]
    [InlineData("sample-digitaltwins.test.mjs")]
    [InlineData("sample-components.test.mjs")]
    [InlineData("sample-relationships.test.mjs")]
    [InlineData("sample-eventroutes.test.mjs")]
    [InlineData("sample-telemetry.test.mjs")]
    [InlineData("sample-scenario.test.mjs")]
    public async Task Microsofts_sample_runs_against_MockAdt(string suite)
    {
        await using var host = await MockAdtHost.StartAsync(new Dictionary<string, string?> { ["MockAdt:Auth:IdentityHeader"] = IdentityHeader });
        var url = host.Address.ToString().TrimEnd('/');
        await NodeTestRun.AssertPassesAsync(NodeTestRun.Conformance, suite, new Dictionary<string, string>
        {
            ["AZURE_DIGITALTWINS_URL"] = url,
            ["MOCKADT_URL"] = url,
            // MockAdt's default Stream endpoint stands for the samples' Event Hub endpoint.
            ["AZURE_EVENT_HUB_ENDPOINT_NAME"] = "stream",
            ["IDENTITY_ENDPOINT"] = $"{url}/mockadt/msi/token",
            ["IDENTITY_HEADER"] = IdentityHeader,
        }, TimeSpan.FromMinutes(1));
    }
}
