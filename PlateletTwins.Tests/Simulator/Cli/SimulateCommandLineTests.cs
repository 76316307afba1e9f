using System.Text.RegularExpressions;
using PlateletTwins.SimulatorService.Cli;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.Simulator.Cli;

/// <summary>
/// <c>simulate</c>'s command line: <c>--help</c> describes every option; an unknown or malformed one is refused before
/// anything runs, with an error that names it and exit code 2, in the process as in the call.
/// </summary>
public sealed class SimulateCommandLineTests
{
    /// <summary>The options the README and docs/ name; each keeps its name.</summary>
    public static TheoryData<string> Options =>
    [
        "--hours", "--seed", "--replications", "--profile", "--lab", "--json", "--trace", "--pools", "--pool-retention",
        "--start-time", "--write-lab", "--write-layout",
    ];

    [Theory]
    [MemberData(nameof(Options))]
    public void Help_lists_the_option_with_its_description(string option)
    {
        var help = new StringWriter();
        Assert.Equal(0, SimulateCommand.Run(["--help"], help, TextWriter.Null));
        // The option, its value's name, then a description of at least a few words.
        Assert.Matches(new Regex($@"^\s+{Regex.Escape(option)} <[^>]+>\s+\S+( \S+){{3,}}", RegexOptions.Multiline), help.ToString());
    }

    /// <summary>Arguments refused, each with the option its error must name.</summary>
    public static TheoryData<string[], string> Refused => new()
    {
        { ["--hourz", "36"], "--hourz" },
        { ["--hours", "abc"], "--hours" },
        { ["--hours", "-1"], "--hours" },
        { ["--hours", "NaN"], "--hours" },
        { ["--hours"], "--hours" },
        { ["--seed", "-1"], "--seed" },
        { ["--seed", "1.5"], "--seed" },
        { ["--replications", "0"], "--replications" },
        { ["--profile", "strss"], "--profile" },
        { ["--start-time", "soon"], "--start-time" },
        { ["--pool-retention", "-01:00:00"], "--pool-retention" },
        { ["--pool-retention", "soon"], "--pool-retention" },
        { ["--lab", Path.Combine(Path.GetTempPath(), "platelettwins-no-such-lab.json")], "--lab" },
        { ["--json", Path.Combine(Path.GetTempPath(), "platelettwins-no-such-folder", "report.json")], "--json" },
        { ["--write-layout", Path.Combine(Path.GetTempPath(), "platelettwins-no-such-folder", "layout.json")], "--write-layout" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_bad_option_is_refused_by_name_and_nothing_runs(string[] args, string option)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        Assert.Equal(2, SimulateCommand.Run(args, output, error));

        Assert.Contains(option, error.ToString(), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public async Task The_process_exits_with_the_refusal_and_its_reason()
    {
        var run = await ProcessRun.RunAsync("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "PlateletTwins.SimulatorService.dll"), SimulateCommand.Name, "--replicatons", "3"],
            TimeSpan.FromMinutes(1), AppContext.BaseDirectory);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'--replicatons'", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }
}
