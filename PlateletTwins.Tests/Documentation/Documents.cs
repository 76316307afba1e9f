using System.Text.RegularExpressions;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.Documentation;

/// <summary>The project's documentation as the documentation tests read it: README.md and docs/*.md, their text and their code.</summary>
public static partial class Documents
{
    public static IEnumerable<(string Name, string Text)> All()
    {
        yield return ("README.md", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")));
        foreach (var path in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            yield return ($"docs/{Path.GetFileName(path)}", File.ReadAllText(path));
        }
    }

    /// <summary>
    /// What a reader would type: each inline code span, and each line of a fenced block with its backslash
    /// continuations joined, so that a command and its options are one piece.
    /// </summary>
    public static IEnumerable<string> Code(string text)
    {
        var inFence = false;
        var pending = "";
        foreach (var line in text.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }
            if (inFence)
            {
                pending += line.TrimEnd();
                if (pending.EndsWith('\\'))
                {
                    pending = pending[..^1] + " ";
                    continue;
                }
                yield return pending;
                pending = "";
                continue;
            }
            foreach (Match span in InlineCode().Matches(line))
            {
                yield return span.Groups[1].Value;
            }
        }
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex InlineCode();
}
