using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>
/// Runs each of Microsoft's samples (<c>Conformance/sample-*.test.mjs</c>) once, each against a fresh MockAdt as each
/// ran against a fresh instance (they reuse fixed model and twin ids). Only the endpoint is changed; the credential is
/// the samples' own <c>DefaultAzureCredential</c>, which finds MockAdt's managed identity endpoint through the
/// variables Azure would set.
/// </summary>
public sealed class SdkSampleRuns : NodeSuiteFixture
{
    private const string IdentityHeader = "identity-header-for-the-samples";

    public static readonly string[] Suites =
    [
        "sample-models-lifecycle.test.mjs",
        "sample-digitaltwins.test.mjs",
        "sample-components.test.mjs",
        "sample-relationships.test.mjs",
        "sample-eventroutes.test.mjs",
        "sample-telemetry.test.mjs",
        "sample-scenario.test.mjs",
    ];

    protected override async IAsyncEnumerable<NodeSuiteRun> RunAsync()
    {
        foreach (var suite in Suites)
        {
            await using var host = await MockAdtHost.StartAsync(new Dictionary<string, string?> { ["MockAdt:Auth:IdentityHeader"] = IdentityHeader });
            var url = host.Address.ToString().TrimEnd('/');
            yield return await NodeTestRun.RunAsync(NodeTestRun.Conformance, suite, new Dictionary<string, string>
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
}
