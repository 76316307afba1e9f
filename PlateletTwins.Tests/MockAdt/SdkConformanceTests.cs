using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>MockAdt driven by Microsoft's ADT client for JavaScript (<c>Conformance/adt-sdk.test.mjs</c>), one xUnit case per node case.</summary>
public sealed class SdkConformanceTests(SdkConformanceRun run) : IClassFixture<SdkConformanceRun>
{
    public static TheoryData<string> Cases => NodeSuiteCases.Of(NodeTestRun.Conformance, SdkConformanceRun.TestFile);

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_official_ADT_client_for_JavaScript_works_against_MockAdt(string check) => run[SdkConformanceRun.TestFile].AssertPassed(check);

    [Fact]
    public void The_suite_ran_only_its_listed_cases_and_exited_cleanly() => run[SdkConformanceRun.TestFile].AssertReportedOnlyTheListedCasesAndExitedCleanly();
}
