using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>
/// The live lab view in Chromium (<see cref="LiveViewBrowserRuns"/>): it follows changes, lays out any lab's flow with
/// no feed across another, and shows the pools of a real run in their devices; one xUnit case per browser case.
/// </summary>
public sealed class LiveViewBrowserTests(LiveViewBrowserRuns runs) : IClassFixture<LiveViewBrowserRuns>
{
    public static TheoryData<string> FollowsCases => NodeSuiteCases.Of(NodeTestRun.Browser, LiveViewBrowserRuns.Follows);

    public static TheoryData<string> LayoutCases => NodeSuiteCases.Of(NodeTestRun.Browser, LiveViewBrowserRuns.Layout);

    public static TheoryData<string> PoolsCases => NodeSuiteCases.Of(NodeTestRun.Browser, LiveViewBrowserRuns.Pools);

    public static TheoryData<string, string> SavedScreenshots => new()
    {
        { LiveViewBrowserRuns.Follows, "live-lab-view" },
        { LiveViewBrowserRuns.Layout, "live-layout-1400" },
        { LiveViewBrowserRuns.Layout, "live-layout-1024" },
        { LiveViewBrowserRuns.Layout, "live-layout-other-lab" },
        { LiveViewBrowserRuns.Layout, "live-layout-two-labs" },
        { LiveViewBrowserRuns.Pools, "live-pools" },
    };

    [Theory]
    [MemberData(nameof(FollowsCases))]
    public void The_live_view_follows_the_lab_in_a_browser(string check) => runs[LiveViewBrowserRuns.Follows].AssertPassed(check);

    [Theory]
    [MemberData(nameof(LayoutCases))]
    public void The_live_view_lays_out_the_reference_lab_and_another_with_no_feed_across_another_in_a_browser(string check) =>
        runs[LiveViewBrowserRuns.Layout].AssertPassed(check);

    [Theory]
    [MemberData(nameof(PoolsCases))]
    public void The_live_view_follows_the_pools_of_a_real_run_into_their_devices_and_draws_a_pools_route_in_a_browser(string check) =>
        runs[LiveViewBrowserRuns.Pools].AssertPassed(check);

    [Theory]
    [InlineData(LiveViewBrowserRuns.Follows)]
    [InlineData(LiveViewBrowserRuns.Layout)]
    [InlineData(LiveViewBrowserRuns.Pools)]
    public void The_suite_ran_only_its_listed_cases_and_exited_cleanly(string suite) => runs[suite].AssertReportedOnlyTheListedCasesAndExitedCleanly();

    [Theory]
    [MemberData(nameof(SavedScreenshots))]
    public void The_suite_saved_its_screenshot(string suite, string name)
    {
        _ = runs[suite];
        Assert.True(File.Exists(Path.Combine(Screenshots.Directory, $"{name}.png")), name);
    }
}
