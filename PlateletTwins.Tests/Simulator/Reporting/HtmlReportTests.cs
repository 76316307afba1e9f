using PlateletTwins.SimulatorService.Cli;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.Simulator.Reporting;

/// <summary>The HTML report the simulate command writes next to its JSON: self-contained, and its charts render in Chromium.</summary>
public sealed class HtmlReportTests(HtmlReportRun browser) : IClassFixture<HtmlReportRun>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("platelettwins-report-").FullName;

    public static TheoryData<string> BrowserCases => NodeSuiteCases.Of(NodeTestRun.Browser, HtmlReportRun.TestFile);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Runs the simulate command into <paramref name="directory"/> and gives back the HTML report's path.</summary>
    public static string Simulate(string directory)
    {
        var json = Path.Combine(directory, "run.json");
        Assert.Equal(0, SimulateCommand.Run(["--hours", "36", "--profile", "stress", "--replications", "3", "--json", json], TextWriter.Null, TextWriter.Null));
        return Path.ChangeExtension(json, ".html");
    }

    [Fact]
    public void The_report_is_one_file_that_fetches_nothing()
    {
        var html = File.ReadAllText(Simulate(_directory));

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        foreach (var section in (string[])["id=\"gantt\"", "id=\"shares\"", "id=\"queues\"", "id=\"kpis\"", "id=\"devices\""])
        {
            Assert.Contains(section, html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(BrowserCases))]
    public void The_reports_charts_render_in_a_browser(string check) => browser[HtmlReportRun.TestFile].AssertPassed(check);

    [Fact]
    public void The_browser_suite_ran_only_its_listed_cases_and_exited_cleanly_and_saved_its_screenshot()
    {
        browser[HtmlReportRun.TestFile].AssertReportedOnlyTheListedCasesAndExitedCleanly();
        Assert.True(File.Exists(Path.Combine(Screenshots.Directory, "run-report.png")));
    }
}
