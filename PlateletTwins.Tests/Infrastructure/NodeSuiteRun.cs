using System.Xml.Linq;

namespace PlateletTwins.Tests.Infrastructure;

/// <summary>One run of a node:test file: each case's result from node's junit report, and the run's whole output.</summary>
public sealed class NodeSuiteRun
{
    private const string Separator = " › ";

    private NodeSuiteRun(string testFile, IReadOnlyList<string> listed, int exitCode, string output, IReadOnlyList<NodeCase> reported)
    {
        TestFile = testFile;
        Listed = listed;
        ExitCode = exitCode;
        Output = output;
        Reported = reported;
    }

    public string TestFile { get; }

    public IReadOnlyList<string> Listed { get; }

    public int ExitCode { get; }

    public string Output { get; }

    public IReadOnlyList<NodeCase> Reported { get; }

    /// <summary>A case as node reported it: its failure (node's error text) or whether it was skipped.</summary>
    public sealed record NodeCase(string Name, string? Failure, string? FailureType, bool Skipped);

    public static NodeSuiteRun Read(string testFile, IReadOnlyList<string> listed, int exitCode, string output, string junitFile)
    {
        // No report at all (node did not start, or died before writing it) leaves every listed case unreported.
        var cases = File.Exists(junitFile) && new FileInfo(junitFile).Length > 0
            ? Cases(XDocument.Load(junitFile).Root!, prefix: null).ToArray()
            : [];
        return new NodeSuiteRun(testFile, listed, exitCode, output, cases);
    }

    // A describe is a <testsuite> around its cases; its name prefixes theirs.
    private static IEnumerable<NodeCase> Cases(XElement parent, string? prefix)
    {
        foreach (var element in parent.Elements())
        {
            var name = (string?)element.Attribute("name") ?? "";
            var qualified = prefix is null ? name : prefix + Separator + name;
            if (element.Name == "testsuite")
            {
                foreach (var inner in Cases(element, qualified))
                {
                    yield return inner;
                }
            }
            else if (element.Name == "testcase")
            {
                var failure = element.Element("failure");
                var text = failure is null ? null : failure.Value.Trim() is { Length: > 0 } body ? body : (string?)failure.Attribute("message") ?? "failed";
                yield return new NodeCase(qualified, text, (string?)failure?.Attribute("type"), element.Element("skipped") is not null);
            }
        }
    }

    /// <summary>Fails with node's message when the named case failed, was skipped, or was not reported by the run.</summary>
    public void AssertPassed(string name)
    {
        var reported = Reported.Where(c => c.Name == name).ToArray();
        if (reported.Length == 0)
        {
            Assert.Fail($"{TestFile} did not report the case \"{name}\" (exit code {ExitCode}). Node's output:\n{Output}");
        }
        Assert.True(reported.Length == 1, $"{TestFile} reported the case \"{name}\" {reported.Length} times: give each case a name of its own.");
        var result = reported[0];
        Assert.False(result.Skipped, $"{TestFile} skipped the case \"{name}\": a check that did not run has not passed.");
        if (result.Failure is not null)
        {
            // A failed hook is in node's junit only as "cancelled": its error is in the spec reporter's output.
            var context = result.FailureType is "cancelledByParent" or "hookFailed" ? $"\nNode's output:\n{Output}" : "";
            Assert.Fail($"\"{name}\" failed in {TestFile}:\n{result.Failure}{context}");
        }
    }

    /// <summary>
    /// Fails when a case is listed twice, when the run reported a case that is not listed (a new case cannot hide from xUnit), or failed without a
    /// listed case failing (a hook, the file's top-level code, an error after the last case).
    /// </summary>
    public void AssertReportedOnlyTheListedCasesAndExitedCleanly()
    {
        var listedTwice = Listed.GroupBy(name => name).Where(g => g.Count() > 1).Select(g => $"\"{g.Key}\"").ToArray();
        Assert.True(listedTwice.Length == 0, $"{Path.ChangeExtension(TestFile, ".cases")} lists {string.Join("; ", listedTwice)} more than once.");
        var unlisted = Reported.Select(c => c.Name).Where(name => !Listed.Contains(name)).ToArray();
        Assert.True(unlisted.Length == 0,
            $"{TestFile} ran cases that {Path.ChangeExtension(TestFile, ".cases")} does not list: {string.Join("; ", unlisted.Select(n => $"\"{n}\""))}. " +
            $"List each new case there. Node's output:\n{Output}");
        var listedFailed = Reported.Any(c => Listed.Contains(c.Name) && (c.Failure is not null || c.Skipped));
        var listedMissing = Listed.Any(name => Reported.All(c => c.Name != name));
        Assert.True(ExitCode == 0 || listedFailed || listedMissing, $"{TestFile} exited with {ExitCode} though every listed case passed. Node's output:\n{Output}");
    }
}
