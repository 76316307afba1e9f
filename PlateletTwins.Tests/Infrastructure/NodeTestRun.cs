namespace PlateletTwins.Tests.Infrastructure;

/// <summary>Runs a node:test file of one of the tests' npm folders and gives back its exit code and output.</summary>
public static class NodeTestRun
{
    /// <summary>MockAdt driven by Microsoft's npm clients.</summary>
    public static string Conformance => Path.Combine(RepositoryPaths.Root, "PlateletTwins.Tests", "Conformance");

    /// <summary>The project's pages in headless Chromium.</summary>
    public static string Browser => Path.Combine(RepositoryPaths.Root, "PlateletTwins.Tests", "Browser");

    public static async Task<(int ExitCode, string Output)> RunAsync(string folder, string testFile, IDictionary<string, string> environment, TimeSpan timeout)
    {
        var result = await ProcessRun.RunAsync("node", ["--test", "--test-reporter=spec", testFile], timeout, folder, environment);
        return (result.ExitCode, result.Output + result.Error);
    }

    /// <summary>Runs a suite and asserts that it ran tests and every one passed (node's spec reporter summary).</summary>
    public static async Task AssertPassesAsync(string folder, string testFile, IDictionary<string, string> environment, TimeSpan timeout)
    {
        var (exitCode, output) = await RunAsync(folder, testFile, environment, timeout);
        Assert.True(exitCode == 0, output);
        Assert.Contains("ℹ fail 0", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ℹ pass 0", output, StringComparison.Ordinal);
    }
}
