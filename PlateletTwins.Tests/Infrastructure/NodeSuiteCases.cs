namespace PlateletTwins.Tests.Infrastructure;

/// <summary>
/// The cases of a node:test file, named in <c>name.test.cases</c> beside it (one a line; a case in a <c>describe</c> as
/// <c>suite › case</c>), so that xUnit has them at discovery: node 20 cannot list a file's cases without running it, and
/// importing one runs its top-level code (browsers, clients, the environment it is handed). The run checks the list
/// both ways: a listed case it did not report fails, and so does a case it reported that is not listed.
/// </summary>
public static class NodeSuiteCases
{
    public static IReadOnlyList<string> Listed(string folder, string testFile)
    {
        var path = Path.Combine(folder, Path.ChangeExtension(testFile, ".cases"));
        return File.ReadAllLines(path).Where(line => line.Length > 0).ToArray();
    }

    /// <summary>The cases of one file, for a theory's MemberData.</summary>
    public static TheoryData<string> Of(string folder, string testFile) => new(Listed(folder, testFile));
}
