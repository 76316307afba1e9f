using System.Text.Json;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.MockAdt.Pools;

/// <summary>
/// The pool queries sent by Microsoft's ADT client for JavaScript (<c>Conformance/pool-queries.test.mjs</c>) to a
/// MockAdt of its own over loopback HTTP: the same texts as <see cref="PoolQueries.Examples"/>, handed to the suite.
/// </summary>
public sealed class PoolQuerySdkTests
{
    [Fact]
    public async Task The_official_ADT_client_for_JavaScript_runs_the_pool_queries_against_MockAdt()
    {
        await using var host = await MockAdtHost.StartAsync();
        await NodeTestRun.AssertPassesAsync(NodeTestRun.Conformance, "pool-queries.test.mjs", new Dictionary<string, string>
        {
            ["MOCKADT_URL"] = host.Address.ToString(),
            ["MOCKADT_TOKEN"] = MockAdtHost.OwnerToken,
            ["DTDL_DIR"] = RepositoryPaths.Dtdl,
            ["POOL_QUERIES"] = JsonSerializer.Serialize(PoolQueries.Examples),
        }, TimeSpan.FromMinutes(2));
    }
}
