using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>
/// Microsoft's samples for its ADT client for JavaScript (<c>@azure/digital-twins-core</c>, samples/v1/javascript),
/// written again as node:test suites (<c>Conformance/sample-*.test.mjs</c>), run against MockAdt by
/// <see cref="SdkSampleRuns"/>: one xUnit case per sample.
/// </summary>
public sealed class SdkSampleTests(SdkSampleRuns runs) : IClassFixture<SdkSampleRuns>
{
    public static TheoryData<string, string> Cases
    {
        get
        {
            var cases = new TheoryData<string, string>();
            foreach (var suite in SdkSampleRuns.Suites)
            {
                foreach (var check in NodeSuiteCases.Listed(NodeTestRun.Conformance, suite))
                {
                    cases.Add(suite, check);
                }
            }
            return cases;
        }
    }

    public static TheoryData<string> Suites => new(SdkSampleRuns.Suites);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Microsofts_sample_runs_against_MockAdt(string suite, string check) => runs[suite].AssertPassed(check);

    [Theory]
    [MemberData(nameof(Suites))]
    public void The_sample_ran_only_its_listed_cases_and_exited_cleanly(string suite) => runs[suite].AssertReportedOnlyTheListedCasesAndExitedCleanly();
}
