using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.Simulator.Reporting;

/// <summary>Writes a report with the simulate command and runs <c>Browser/report.test.mjs</c> on it once, in headless Chromium.</summary>
public sealed class HtmlReportRun : NodeSuiteFixture
{
    public const string TestFile = "report.test.mjs";

    protected override async IAsyncEnumerable<NodeSuiteRun> RunAsync()
    {
        var directory = Directory.CreateTempSubdirectory("platelettwins-report-").FullName;
        try
        {
            yield return await NodeTestRun.RunAsync(NodeTestRun.Browser, TestFile, new Dictionary<string, string>
            {
                ["REPORT_FILE"] = HtmlReportTests.Simulate(directory),
                ["DEVICES"] = "12",
                ["SCREENSHOT_DIR"] = Screenshots.Directory,
            }, TimeSpan.FromMinutes(2));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
