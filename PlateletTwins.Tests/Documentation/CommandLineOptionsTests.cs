using System.Text.RegularExpressions;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.Documentation;

/// <summary>
/// Every option the documentation gives a command (<c>simulate --…</c>, <c>provision --…</c>) and every benchmark
/// mode (<c>-- pool-year</c>) is one the code still takes. The code is read as text, not run: an option is there when
/// its name is a string literal, with or without its dashes (<c>"--hours"</c>, <c>"hours"</c>), in the command's
/// folder, which holds for a hand-written parser and for System.CommandLine's declarations alike; <c>--help</c> is there
/// when the folder creates its command with ServiceCommand.
/// </summary>
public sealed partial class CommandLineOptionsTests
{
    private static readonly Dictionary<string, string> CommandFolders = new(StringComparer.Ordinal)
    {
        ["simulate"] = Path.Combine("PlateletTwins.SimulatorService", "Cli"),
        ["provision"] = Path.Combine("PlateletTwins.IngestionService", "Cli"),
        ["benchmarks"] = Path.Combine("benchmarks", "PlateletTwins.Benchmarks"),
    };

    public static TheoryData<string, string, string> DocumentedOptions()
    {
        var options = new SortedDictionary<(string Command, string Option), SortedSet<string>>();
        foreach (var (name, text) in Documents.All())
        {
            foreach (var code in Documents.Code(text))
            {
                foreach (var (command, option) in Options(code))
                {
                    (options.TryGetValue((command, option), out var documents) ? documents : options[(command, option)] = new SortedSet<string>(StringComparer.Ordinal)).Add(name);
                }
            }
        }
        var data = new TheoryData<string, string, string>();
        foreach (var ((command, option), documents) in options)
        {
            data.Add(command, option, string.Join(", ", documents));
        }
        return data;
    }

    /// <summary>The options of a piece of code: those after <c>simulate</c> or <c>provision</c>, and a benchmark's mode and options.</summary>
    private static IEnumerable<(string Command, string Option)> Options(string code)
    {
        foreach (var command in (string[])["simulate", "provision"])
        {
            if (Regex.Match(code, $@"(?<![\w-])(?<!azd ){command}(?![\w-])(.*)") is { Success: true } after)
            {
                foreach (Match option in DashedOption().Matches(after.Groups[1].Value))
                {
                    yield return (command, option.Value);
                }
            }
        }
        // "… --project benchmarks/PlateletTwins.Benchmarks -- MODE …", or a table's "-- MODE 10"; [a|b|c] lists modes.
        if (BenchmarkArguments().Match(code) is { Success: true } benchmark)
        {
            var arguments = benchmark.Groups["arguments"].Value;
            var first = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
            foreach (var mode in first.Trim('[', ']').Split('|').Where(m => ModeName().IsMatch(m)))
            {
                yield return ("benchmarks", mode);
            }
            foreach (Match option in DashedOption().Matches(arguments))
            {
                yield return ("benchmarks", option.Value);
            }
        }
    }

    [Theory]
    [MemberData(nameof(DocumentedOptions))]
    public void A_documented_command_line_option_is_one_the_code_takes(string command, string option, string documents)
    {
        var folder = Path.Combine(RepositoryPaths.Root, CommandFolders[command]);
        var name = option.TrimStart('-');
        var sources = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText).ToList();
        // --help is ServiceCommand's, on every command it creates.
        var found = option == "--help"
            ? sources.Any(source => source.Contains("ServiceCommand.Create(", StringComparison.Ordinal))
            : sources.Any(source => source.Contains($"\"{name}\"", StringComparison.Ordinal) || source.Contains($"\"--{name}\"", StringComparison.Ordinal));
        Assert.True(found, $"{command} {option} (in {documents}) is named by no source in {CommandFolders[command]}.");
    }

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z0-9-]*")]
    private static partial Regex DashedOption();

    [GeneratedRegex(@"(?:PlateletTwins\.Benchmarks\s+|^)--\s+(?<arguments>[^-].*)$")]
    private static partial Regex BenchmarkArguments();

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex ModeName();
}
