using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace PlateletTwins.ServiceDefaults.CommandLine;

/// <summary>
/// How every command of the services reads a value, so that <c>simulate</c>, <c>provision</c> and the benchmarks read alike: numbers
/// and durations in the invariant culture (durations as <c>d.hh:mm:ss</c>, the form configuration binds), instants
/// without an offset as UTC, paths relative to the working folder. A value refused names its option and what was
/// expected.
/// </summary>
public static class OptionRules
{
    /// <summary>A finite number above zero, such as simulated hours.</summary>
    public static Option<double> PositiveNumber(string name, string description, double defaultValue) =>
        Parsed(name, description, defaultValue, ReadPositiveNumber);

    /// <summary>A whole number of at least <paramref name="minimum"/>.</summary>
    public static Option<T> WholeNumber<T>(string name, string description, T defaultValue, T minimum) where T : IBinaryInteger<T>, IMinMaxValue<T> =>
        Parsed(name, description, defaultValue, text => ReadWholeNumber(text, minimum));

    /// <summary>An optional positional argument read as <see cref="PositiveNumber"/> reads its value.</summary>
    public static Argument<double> PositiveNumberArgument(string name, string description, double defaultValue) =>
        ParsedArgument(name, description, defaultValue, ReadPositiveNumber);

    /// <summary>An optional positional argument read as <see cref="WholeNumber{T}"/> reads its value.</summary>
    public static Argument<T> WholeNumberArgument<T>(string name, string description, T defaultValue, T minimum) where T : IBinaryInteger<T>, IMinMaxValue<T> =>
        ParsedArgument(name, description, defaultValue, text => ReadWholeNumber(text, minimum));

    /// <summary>An optional positional argument taken as it is, such as a path; absent: null.</summary>
    public static Argument<string?> TextArgument(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.ZeroOrOne };

    private static (double Value, string? Expected) ReadPositiveNumber(string text) =>
        !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) ? (0, "a number expected")
        : value <= 0 ? (0, "a number above 0 expected")
        : (value, null);

    private static (T Value, string? Expected) ReadWholeNumber<T>(string text, T minimum) where T : IBinaryInteger<T>, IMinMaxValue<T> =>
        !T.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? (T.Zero, $"a whole number from {minimum} to {T.MaxValue} expected")
        : value < minimum ? (T.Zero, $"a whole number of at least {minimum} expected")
        : (value, null);

    /// <summary>An argument of zero or one value that <paramref name="parse"/> reads, as <see cref="Parsed"/> an option's.</summary>
    private static Argument<T> ParsedArgument<T>(string name, string description, T defaultValue, Func<string, (T Value, string? Expected)> parse) where T : notnull => new(name)
    {
        Description = description,
        Arity = ArgumentArity.ZeroOrOne,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => ParseToken(result, name, defaultValue, parse),
    };

    /// <summary>A duration that is not negative, <c>d.hh:mm:ss</c>; <paramref name="none"/> (the default) reads as none (null).</summary>
    public static Option<TimeSpan?> Duration(string name, string description, string none) =>
        Parsed<TimeSpan?>(name, description, null, text =>
            text == none ? (null, null)
            : !TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) ? (null, $"'{none}' or a duration d.hh:mm:ss expected")
            : value < TimeSpan.Zero ? (null, "a duration is not negative")
            : (value, null));

    /// <summary>An instant, ISO 8601; one without an offset is UTC. Absent: null (the description says the default).</summary>
    public static Option<DateTimeOffset?> Instant(string name, string description) =>
        Parsed<DateTimeOffset?>(name, description, null, text =>
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
                ? (value, null)
                : (null, "an instant such as 2026-01-01T07:00:00Z expected"));

    /// <summary>One of <paramref name="values"/>, as written.</summary>
    public static Option<string> OneOf(string name, string description, params string[] values) =>
        Parsed(name, description, values[0], text =>
            values.Contains(text, StringComparer.Ordinal) ? (text, null) : ("", $"one of {string.Join(", ", values)} expected"));

    /// <summary>An absolute URL.</summary>
    public static Option<Uri> Url(string name, string description, bool required)
    {
        var option = Parsed<Uri>(name, description, null, text =>
            Uri.TryCreate(text, UriKind.Absolute, out var value) ? (value, null) : (null, "an absolute URL expected"));
        option.Required = required;
        return option;
    }

    /// <summary>A file the command reads: it must exist.</summary>
    public static Option<string> InputFile(string name, string description, string helpName) =>
        Parsed<string>(name, description, null, text =>
            File.Exists(text) ? (text, null) : (null, "no such file"), helpName);

    /// <summary>A file the command writes, replacing one there: its folder must exist.</summary>
    public static Option<string> OutputFile(string name, string description, string helpName) =>
        Parsed<string>(name, description, null, text =>
            text.Length == 0 ? (null, "a file name expected")
            : Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(text))) ? (text, null)
            : (null, "its folder does not exist"), helpName);

    /// <summary>A value taken as it is, such as a token.</summary>
    public static Option<string> Text(string name, string description, string helpName) =>
        new(name) { Description = description, HelpName = helpName };

    /// <summary>
    /// An option whose value <paramref name="parse"/> reads, answering the value or what was expected instead; its
    /// default, when not null, is shown in the help.
    /// </summary>
    private static Option<T> Parsed<T>(string name, string description, T? defaultValue, Func<string, (T? Value, string? Expected)> parse, string? helpName = null)
    {
        var option = new Option<T>(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = result => ParseToken(result, name, defaultValue, parse),
        };
        if (defaultValue is not null)
        {
            option.DefaultValueFactory = _ => defaultValue;
        }
        return option;
    }

    // The one token, read by parse; the default without one. What parse refuses is an error naming the option or argument.
    private static T ParseToken<T>(ArgumentResult result, string name, T defaultValue, Func<string, (T Value, string? Expected)> parse)
    {
        if (result.Tokens is not [var token])
        {
            return defaultValue;
        }
        var (value, expected) = parse(token.Value);
        if (expected is not null)
        {
            result.AddError($"{name} '{token.Value}': {expected}.");
        }
        return value;
    }
}
