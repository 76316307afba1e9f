using System.Globalization;

namespace PlateletTwins.Benchmarks;

/// <summary>The small pieces of text the long-running parts print beside their figures.</summary>
internal static class ReportText
{
    /// <summary>The machine's one-minute load average (Linux), since other work on it stretches the time.</summary>
    public static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    /// <summary>Counts by name, or "none".</summary>
    public static string Describe(IReadOnlyDictionary<string, long> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value}")));

    /// <summary>The first few of a list of problems, to print after its count.</summary>
    public static string Sample(IReadOnlyCollection<string> items) => items.Count == 0 ? "" : $" (first: {string.Join("; ", items.Take(5))})";
}
