using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>Runs <c>Conformance/adt-sdk.test.mjs</c> once against a MockAdt of its own over loopback HTTP.</summary>
public sealed class SdkConformanceRun : NodeSuiteFixture
{
    public const string TestFile = "adt-sdk.test.mjs";

    protected override async IAsyncEnumerable<NodeSuiteRun> RunAsync()
    {
        await using var host = await MockAdtHost.StartAsync();
        yield return await NodeTestRun.RunAsync(NodeTestRun.Conformance, TestFile, new Dictionary<string, string>
        {
            ["MOCKADT_URL"] = host.Address.ToString(),
            ["MOCKADT_TOKEN"] = MockAdtHost.OwnerToken,
            ["MOCKADT_READER_TOKEN"] = MockAdtHost.ReaderToken,
            ["DTDL_DIR"] = RepositoryPaths.Dtdl,
        }, TimeSpan.FromMinutes(2));
    }
}
