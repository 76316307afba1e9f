using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>MockAdt's model validation agrees with Microsoft's DTDL parser (<c>Conformance/dtdl-parser.test.mjs</c>), one xUnit case per model case.</summary>
public sealed class DtdlParserAgreementTests(DtdlParserAgreementRun run) : IClassFixture<DtdlParserAgreementRun>
{
    public static TheoryData<string> Cases => NodeSuiteCases.Of(NodeTestRun.Conformance, DtdlParserAgreementRun.TestFile);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MockAdt_accepts_and_refuses_the_models_Microsofts_DTDL_parser_does(string check) => run[DtdlParserAgreementRun.TestFile].AssertPassed(check);

    [Fact]
    public void The_suite_ran_only_its_listed_cases_and_exited_cleanly() => run[DtdlParserAgreementRun.TestFile].AssertReportedOnlyTheListedCasesAndExitedCleanly();
}
