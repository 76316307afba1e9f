using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>The explorer MockAdt serves, in headless Chromium, against the query graph (and a pool the test adds to it).</summary>
public sealed class ExplorerTests : IAsyncLifetime
{
    private QueryGraph _graph = null!;

    public async Task InitializeAsync() => _graph = await QueryGraph.StartAsync();

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    [Fact]
    public async Task The_explorer_shows_the_graph_by_status_and_model_runs_a_query_shows_a_twins_history_and_follows_changes_and_pools()
    {
        await NodeTestRun.AssertPassesAsync(NodeTestRun.Browser, "explorer.test.mjs", new Dictionary<string, string>
        {
            ["MOCKADT_URL"] = _graph.Host.Address.ToString().TrimEnd('/'),
            ["TWINS"] = "4",
            ["SCREENSHOT_DIR"] = Screenshots.Directory,
        }, TimeSpan.FromMinutes(2));
        Assert.True(File.Exists(Path.Combine(Screenshots.Directory, "mockadt-explorer.png")));
    }

    [Fact]
    public async Task The_root_and_the_explorer_path_lead_to_the_page_without_a_token()
    {
        using var client = new HttpClient { BaseAddress = _graph.Host.Address };
        var page = await client.GetStringAsync("/");
        using var script = await client.GetAsync("/mockadt/explorer/explorer.js");

        Assert.Contains("<title>MockAdt explorer</title>", page, StringComparison.Ordinal);
        Assert.Equal("text/javascript; charset=utf-8", script.Content.Headers.ContentType?.ToString());
    }
}
