namespace PlateletTwins.Tests.Infrastructure;

/// <summary>
/// A class fixture that runs its node:test files once, before the class's tests, which then read each case's result
/// from the run: one xUnit case per node case, and still one node process per file.
/// </summary>
public abstract class NodeSuiteFixture : IAsyncLifetime
{
    private readonly Dictionary<string, NodeSuiteRun> _runs = [];

    public NodeSuiteRun this[string testFile] =>
        _runs.TryGetValue(testFile, out var run) ? run : throw new InvalidOperationException($"{GetType().Name} does not run {testFile}.");

    public async Task InitializeAsync()
    {
        await foreach (var run in RunAsync())
        {
            _runs.Add(run.TestFile, run);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Starts what the files need and runs each one, giving back each run as it ends.</summary>
    protected abstract IAsyncEnumerable<NodeSuiteRun> RunAsync();
}
