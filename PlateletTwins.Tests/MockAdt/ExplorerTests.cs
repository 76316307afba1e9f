using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>The explorer MockAdt serves, in headless Chromium, against the query graph (and a pool the test adds to it), one xUnit case per browser case.</summary>
public sealed class ExplorerTests(ExplorerRun browser) : IClassFixture<ExplorerRun>
{
    public static TheoryData<string> BrowserCases => NodeSuiteCases.Of(NodeTestRun.Browser, ExplorerRun.TestFile);

    [Theory]
    [MemberData(nameof(BrowserCases))]
    public void The_explorer_shows_the_graph_by_status_and_model_runs_a_query_shows_a_twins_history_and_follows_changes_and_pools(string check) =>
        browser[ExplorerRun.TestFile].AssertPassed(check);

    [Fact]
    public void The_browser_suite_ran_only_its_listed_cases_and_exited_cleanly_and_saved_its_screenshot()
    {
        browser[ExplorerRun.TestFile].AssertReportedOnlyTheListedCasesAndExitedCleanly();
        Assert.True(File.Exists(Path.Combine(Screenshots.Directory, "mockadt-explorer.png")));
    }

    [Fact]
    public async Task The_root_and_the_explorer_path_lead_to_the_page_without_a_token()
    {
        await using var graph = await QueryGraph.StartAsync();
        using var client = new HttpClient { BaseAddress = graph.Host.Address };
        var page = await client.GetStringAsync("/");
        using var script = await client.GetAsync("/mockadt/explorer/explorer.js");

        Assert.Contains("<title>MockAdt explorer</title>", page, StringComparison.Ordinal);
        Assert.Equal("text/javascript; charset=utf-8", script.Content.Headers.ContentType?.ToString());
    }
}
