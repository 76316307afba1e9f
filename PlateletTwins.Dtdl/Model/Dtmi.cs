using System.Text.RegularExpressions;

namespace PlateletTwins.Dtdl.Model;

/// <summary>Digital Twin Model Identifiers, with the syntax rules of DTDL v2 and v3.</summary>
public static partial class Dtmi
{
    public const int MaxInterfaceIdLength = 128;

    // v3: the version is optional and may have a minor part; v2: a version of 1 to 9 digits is required.
    [GeneratedRegex(@"^dtmi:[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?(?::[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?)*(?:;[1-9][0-9]{0,8}(?:\.[1-9][0-9]{0,5})?)?$")]
    private static partial Regex V3Pattern();

    [GeneratedRegex(@"^dtmi:[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?(?::[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?)*;[1-9][0-9]{0,8}$")]
    private static partial Regex V2Pattern();

    public static bool IsValid(string? id, int dtdlVersion = 3) =>
        id is not null && (dtdlVersion == 2 ? V2Pattern() : V3Pattern()).IsMatch(id);

    /// <summary>Identifiers reserved for the language itself.</summary>
    public static bool IsReserved(string id) =>
        id.StartsWith("dtmi:dtdl:", StringComparison.Ordinal) || id.StartsWith("dtmi:standard:", StringComparison.Ordinal);
}
