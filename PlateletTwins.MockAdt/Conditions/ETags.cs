using PlateletTwins.Http;

namespace PlateletTwins.MockAdt.Conditions;

/// <summary>ADT's ETags: weak, a new GUID on every write (<c>W/"3a90bd88-…"</c>).</summary>
internal static class ETags
{
    public static string New() => $"W/\"{UniqueIds.NewGuid()}\"";

    /// <summary>An entity tag in HTTP syntax: <c>"…"</c> or <c>W/"…"</c>.</summary>
    public static bool IsWellFormed(string value) =>
        value.Length >= 2
        && value[^1] == '"'
        && (value[0] == '"' || (value.Length >= 4 && value.StartsWith("W/\"", StringComparison.Ordinal)))
        && value.AsSpan(value[0] == '"' ? 1 : 3, value.Length - (value[0] == '"' ? 2 : 4)).IndexOf('"') < 0;
}
