using System.Globalization;
using PlateletTwins.MockAdt.Errors;

namespace PlateletTwins.MockAdt.Protocol;

/// <summary>
/// The query-string parameters of MockAdt's own endpoints, read by hand so that a bad one is ADT's 400 envelope naming
/// the parameter and what it must be, not ASP.NET Core's binding failure.
/// </summary>
internal static class QueryParameters
{
    /// <summary>The parameter's one value; null when absent or empty.</summary>
    public static string? Text(HttpRequest request, string name)
    {
        var values = request.Query[name];
        if (values.Count > 1)
        {
            throw AdtErrors.InvalidParameter(name, "given once");
        }
        return string.IsNullOrEmpty(values.ToString()) ? null : values.ToString();
    }

    public static string RequiredText(HttpRequest request, string name) =>
        Text(request, name) ?? throw AdtErrors.MissingParameter(name);

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>]; null when absent.</summary>
    public static int? Number(HttpRequest request, string name, int min, int max)
    {
        if (Text(request, name) is not { } text)
        {
            return null;
        }
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw AdtErrors.InvalidParameter(name, FormattableString.Invariant($"an integer from {min} to {max}"));
    }

    /// <summary>An ISO 8601 date and time; null when absent.</summary>
    public static DateTimeOffset? Time(HttpRequest request, string name)
    {
        if (Text(request, name) is not { } text)
        {
            return null;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value)
            ? value
            : throw AdtErrors.InvalidParameter(name, "an ISO 8601 date and time, such as 2024-01-01T00:00:00Z");
    }
}
