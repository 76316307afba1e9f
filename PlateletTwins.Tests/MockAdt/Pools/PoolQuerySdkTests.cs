using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.MockAdt.Pools;

/// <summary>
/// The pool queries sent by Microsoft's ADT client for JavaScript (<c>Conformance/pool-queries.test.mjs</c>) to MockAdt
/// over loopback HTTP, one xUnit case per query.
/// </summary>
public sealed class PoolQuerySdkTests(PoolQuerySdkRun run) : IClassFixture<PoolQuerySdkRun>
{
    public static TheoryData<string> Cases => NodeSuiteCases.Of(NodeTestRun.Conformance, PoolQuerySdkRun.TestFile);

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_official_ADT_client_for_JavaScript_runs_the_pool_queries_against_MockAdt(string check) => run[PoolQuerySdkRun.TestFile].AssertPassed(check);

    [Fact]
    public void The_suite_ran_only_its_listed_cases_and_exited_cleanly() => run[PoolQuerySdkRun.TestFile].AssertReportedOnlyTheListedCasesAndExitedCleanly();
}
