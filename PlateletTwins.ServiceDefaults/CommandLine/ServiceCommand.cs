using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;

namespace PlateletTwins.ServiceDefaults.CommandLine;

/// <summary>
/// A service's command (<c>simulate</c>, <c>provision</c>) run on its arguments: <c>--help</c> prints every option with
/// its description; an unknown or malformed option is refused before anything runs, with an error naming it and
/// <see cref="UsageError"/>, as Unix tools answer a bad usage.
/// </summary>
public static class ServiceCommand
{
    /// <summary>The exit code of arguments refused.</summary>
    public const int UsageError = 2;

    /// <summary>A command with <c>--help</c> (<c>-h</c>, <c>-?</c>); its options come from <see cref="OptionRules"/>.</summary>
    public static Command Create(string name, string description) => new(name, description) { Options = { new HelpOption() } };

    /// <summary>Parses <paramref name="args"/> (those after the command's name) and runs the command's action on them.</summary>
    public static int Run(Command command, string[] args, TextWriter output, TextWriter error)
    {
        var result = Parse(command, args);
        return Refuse(result, error) ?? result.Invoke(Invocation(output, error));
    }

    /// <inheritdoc cref="Run"/>
    public static async Task<int> RunAsync(Command command, string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var result = Parse(command, args);
        return Refuse(result, error) ?? await result.InvokeAsync(Invocation(output, error), cancellationToken);
    }

    // Arguments are taken as given: a path that starts with @ is no response file.
    private static ParseResult Parse(Command command, string[] args) =>
        command.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });

    private static InvocationConfiguration Invocation(TextWriter output, TextWriter error) => new() { Output = output, Error = error };

    /// <summary>Each error on a line of its own, led by the option it is about where its text does not name it.</summary>
    private static int? Refuse(ParseResult result, TextWriter error)
    {
        // --help answers even beside a bad option or without a required one.
        if (result.Errors.Count == 0 || result.Action is HelpAction)
        {
            return null;
        }
        var command = result.CommandResult.Command.Name;
        foreach (var problem in result.Errors)
        {
            var option = (problem.SymbolResult as OptionResult ?? problem.SymbolResult?.Parent as OptionResult)?.Option.Name;
            var named = option is null || problem.Message.Contains(option, StringComparison.Ordinal);
            error.WriteLine(named ? $"{command}: {problem.Message}" : $"{command}: {option}: {problem.Message}");
        }
        error.WriteLine($"'{command} --help' lists its options.");
        return UsageError;
    }
}
