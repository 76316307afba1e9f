namespace PlateletTwins.Tests.Infrastructure;

/// <summary>Finds files of the repository from the test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Dtdl => Path.Combine(Root, "dtdl");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PlateletTwins.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("The test runs outside the repository: PlateletTwins.sln not found above " + AppContext.BaseDirectory);
    }
}
