namespace PlateletTwins.Tests.Infrastructure;

/// <summary>Runs a node:test file of <c>Conformance/</c> and gives back its exit code and output.</summary>
public static class NodeTestRun
{
    public static string Directory => Path.Combine(RepositoryPaths.Root, "PlateletTwins.Tests", "Conformance");

    public static async Task<(int ExitCode, string Output)> RunAsync(string testFile, IDictionary<string, string> environment, TimeSpan timeout)
    {
        var result = await ProcessRun.RunAsync("node", ["--test", "--test-reporter=spec", testFile], timeout, Directory, environment);
        return (result.ExitCode, result.Output + result.Error);
    }

    /// <summary>Runs a suite of <c>Conformance/</c> and asserts that it ran tests and every one passed (node's spec reporter summary).</summary>
    public static async Task AssertPassesAsync(string testFile, IDictionary<string, string> environment, TimeSpan timeout)
    {
        var (exitCode, output) = await RunAsync(testFile, environment, timeout);
        Assert.True(exitCode == 0, output);
        Assert.Contains("ℹ fail 0", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ℹ pass 0", output, StringComparison.Ordinal);
    }
}
