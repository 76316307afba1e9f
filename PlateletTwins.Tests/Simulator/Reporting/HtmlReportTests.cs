using PlateletTwins.SimulatorService.Cli;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.Simulator.Reporting;

/// <summary>The HTML report the simulate command writes next to its JSON: self-contained, and its charts render in Chromium.</summary>
public sealed class HtmlReportTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("platelettwins-report-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Simulate()
    {
        var json = Path.Combine(_directory, "run.json");
        Assert.Equal(0, SimulateCommand.Run(["--hours", "36", "--profile", "stress", "--replications", "3", "--json", json], TextWriter.Null, TextWriter.Null));
        return Path.ChangeExtension(json, ".html");
    }

    [Fact]
    public void The_report_is_one_file_that_fetches_nothing()
    {
        var html = File.ReadAllText(Simulate());

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        foreach (var section in (string[])["id=\"gantt\"", "id=\"shares\"", "id=\"queues\"", "id=\"kpis\"", "id=\"devices\""])
        {
            Assert.Contains(section, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_reports_charts_render_in_a_browser()
    {
        var report = Simulate();

        await NodeTestRun.AssertPassesAsync(NodeTestRun.Browser, "report.test.mjs", new Dictionary<string, string>
        {
            ["REPORT_FILE"] = report,
            ["DEVICES"] = "12",
            ["SCREENSHOT_DIR"] = Screenshots.Directory,
        }, TimeSpan.FromMinutes(2));
        Assert.True(File.Exists(Path.Combine(Screenshots.Directory, "run-report.png")));
    }
}
