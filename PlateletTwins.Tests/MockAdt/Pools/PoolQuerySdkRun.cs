using System.Text.Json;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.MockAdt.Pools;

/// <summary>
/// Runs <c>Conformance/pool-queries.test.mjs</c> once against a MockAdt of its own, handing it the texts of
/// <see cref="PoolQueries.Examples"/> so that the SDK and the REST tests run the same strings.
/// </summary>
public sealed class PoolQuerySdkRun : NodeSuiteFixture
{
    public const string TestFile = "pool-queries.test.mjs";

    protected override async IAsyncEnumerable<NodeSuiteRun> RunAsync()
    {
        await using var host = await MockAdtHost.StartAsync();
        yield return await NodeTestRun.RunAsync(NodeTestRun.Conformance, TestFile, new Dictionary<string, string>
        {
            ["MOCKADT_URL"] = host.Address.ToString(),
            ["MOCKADT_TOKEN"] = MockAdtHost.OwnerToken,
            ["DTDL_DIR"] = RepositoryPaths.Dtdl,
            ["POOL_QUERIES"] = JsonSerializer.Serialize(PoolQueries.Examples),
        }, TimeSpan.FromMinutes(2));
    }
}
