using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>Runs <c>Browser/explorer.test.mjs</c> once in headless Chromium against a query graph of its own.</summary>
public sealed class ExplorerRun : NodeSuiteFixture
{
    public const string TestFile = "explorer.test.mjs";

    protected override async IAsyncEnumerable<NodeSuiteRun> RunAsync()
    {
        await using var graph = await QueryGraph.StartAsync();
        yield return await NodeTestRun.RunAsync(NodeTestRun.Browser, TestFile, new Dictionary<string, string>
        {
            ["MOCKADT_URL"] = graph.Host.Address.ToString().TrimEnd('/'),
            ["TWINS"] = "4",
            ["SCREENSHOT_DIR"] = Screenshots.Directory,
        }, TimeSpan.FromMinutes(2));
    }
}
