using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>MockAdt's model validation agrees with Microsoft's DTDL parser (<c>Conformance/dtdl-parser.test.mjs</c>).</summary>
public sealed class DtdlParserAgreementTests
{
    [Fact]
    public async Task MockAdt_accepts_and_refuses_the_models_Microsofts_DTDL_parser_does()
    {
        await using var host = await MockAdtHost.StartAsync();
        await NodeTestRun.AssertPassesAsync(NodeTestRun.Conformance, "dtdl-parser.test.mjs", new Dictionary<string, string>
        {
            ["MOCKADT_URL"] = host.Address.ToString(),
            ["MOCKADT_TOKEN"] = MockAdtHost.OwnerToken,
            ["DTDL_DIR"] = RepositoryPaths.Dtdl,
        }, TimeSpan.FromMinutes(3));
    }
}
