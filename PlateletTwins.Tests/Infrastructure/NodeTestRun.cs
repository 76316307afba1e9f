namespace PlateletTwins.Tests.Infrastructure;

/// <summary>
/// Runs a node:test file of one of the tests' npm folders once: node's spec reporter to the output, its junit reporter
/// to a file from which each case's result is read (<see cref="NodeSuiteRun"/>).
/// </summary>
public static class NodeTestRun
{
    /// <summary>MockAdt driven by Microsoft's npm clients.</summary>
    public static string Conformance => Path.Combine(RepositoryPaths.Root, "PlateletTwins.Tests", "Conformance");

    /// <summary>The project's pages in headless Chromium.</summary>
    public static string Browser => Path.Combine(RepositoryPaths.Root, "PlateletTwins.Tests", "Browser");

    public static async Task<NodeSuiteRun> RunAsync(string folder, string testFile, IDictionary<string, string> environment, TimeSpan timeout)
    {
        var junit = Path.Combine(Path.GetTempPath(), $"platelettwins-node-{Guid.NewGuid():N}.xml");
        try
        {
            var result = await ProcessRun.RunAsync("node",
                ["--test", "--test-reporter=spec", "--test-reporter-destination=stdout", "--test-reporter=junit", $"--test-reporter-destination={junit}", testFile],
                timeout, folder, environment);
            return NodeSuiteRun.Read(testFile, NodeSuiteCases.Listed(folder, testFile), result.ExitCode, result.Output + result.Error, junit);
        }
        finally
        {
            File.Delete(junit);
        }
    }
}
