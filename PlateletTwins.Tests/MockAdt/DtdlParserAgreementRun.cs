using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>Runs <c>Conformance/dtdl-parser.test.mjs</c> once against a MockAdt of its own.</summary>
public sealed class DtdlParserAgreementRun : NodeSuiteFixture
{
    public const string TestFile = "dtdl-parser.test.mjs";

    protected override async IAsyncEnumerable<NodeSuiteRun> RunAsync()
    {
        await using var host = await MockAdtHost.StartAsync();
        yield return await NodeTestRun.RunAsync(NodeTestRun.Conformance, TestFile, new Dictionary<string, string>
        {
            ["MOCKADT_URL"] = host.Address.ToString(),
            ["MOCKADT_TOKEN"] = MockAdtHost.OwnerToken,
            ["DTDL_DIR"] = RepositoryPaths.Dtdl,
        }, TimeSpan.FromMinutes(3));
    }
}
