using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>MockAdt driven by Microsoft's ADT client for JavaScript (<c>Conformance/adt-sdk.test.mjs</c>) over loopback HTTP.</summary>
public sealed class SdkConformanceTests
{
    [Fact]
    public async Task The_official_ADT_client_for_JavaScript_works_against_MockAdt()
    {
        await using var host = await MockAdtHost.StartAsync();
        await NodeTestRun.AssertPassesAsync(NodeTestRun.Conformance, "adt-sdk.test.mjs", new Dictionary<string, string>
        {
            ["MOCKADT_URL"] = host.Address.ToString(),
            ["MOCKADT_TOKEN"] = MockAdtHost.OwnerToken,
            ["MOCKADT_READER_TOKEN"] = MockAdtHost.ReaderToken,
            ["DTDL_DIR"] = RepositoryPaths.Dtdl,
        }, TimeSpan.FromMinutes(2));
    }
}
