using System.Diagnostics;

namespace PlateletTwins.Tests.Infrastructure;

/// <summary>Runs a node:test file of <c>Conformance/</c> and gives back its exit code and output.</summary>
public static class NodeTestRun
{
    public static string Directory => Path.Combine(RepositoryPaths.Root, "PlateletTwins.Tests", "Conformance");

    public static async Task<(int ExitCode, string Output)> RunAsync(string testFile, IDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("node", ["--test", "--test-reporter=spec", testFile])
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started; Node.js 20 or later must be on PATH.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node --test {testFile} ran longer than {timeout}.");
        }
        return (process.ExitCode, await stdout + await stderr);
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
