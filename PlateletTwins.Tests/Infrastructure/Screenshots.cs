namespace PlateletTwins.Tests.Infrastructure;

/// <summary>Where the browser tests put their screenshots: <c>TestResults/screenshots</c>, next to CI's test results.</summary>
public static class Screenshots
{
    public static string Directory { get; } = Path.Combine(RepositoryPaths.Root, "TestResults", "screenshots");
}
