using System.Text.RegularExpressions;

namespace PlateletTwins.ServiceDefaults.Configuration;

/// <summary>
/// The options validator generator names a value by its path in the options class (<c>WriteOptions.PerTwinRate</c>,
/// <c>AuthOptions.Tokens[0].Role</c>; an annotation's message has it as <c>{0}</c>), which is not what a user sets.
/// </summary>
internal static partial class ConfigurationKeys
{
    /// <summary>
    /// The failure with each path of <paramref name="optionsType"/> written as the key under its section
    /// (<c>Writes:PerTwinRate</c>, <c>MockAdt:Auth:Tokens:0:Role</c>; <c>Writes__PerTwinRate</c> in the environment),
    /// and without the member name the generator puts first, the key saying it.
    /// </summary>
    public static string InFailure(string failure, string optionsType, string section)
    {
        var named = Regex.Replace(failure, $@"\b{Regex.Escape(optionsType)}((?:\.\w+|\[\d+\])+)",
            path => section + Segment().Replace(path.Groups[1].Value, segment => ":" + segment.Groups["name"].Value),
            RegexOptions.CultureInvariant);
        return named != failure && MemberPrefix().Match(named) is { Success: true } prefix ? named[prefix.Length..] : named;
    }

    // .Name or [0]: a segment of the generator's path.
    [GeneratedRegex(@"\.(?<name>\w+)|\[(?<name>\d+)\]")]
    private static partial Regex Segment();

    // "PerTwinRate: ": the member names the generator's result starts with.
    [GeneratedRegex(@"^[\w\[\]., ]+?: ")]
    private static partial Regex MemberPrefix();
}
