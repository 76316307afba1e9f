using System.Globalization;

namespace PlateletTwins.Dtdl.Values;

/// <summary>
/// How ADT writes an instant, said once for the emulator that writes it and the service that writes what ADT would
/// read back: both UTC with seven fractional digits.
/// </summary>
public static class AdtTime
{
    /// <summary>
    /// A <c>dateTime</c> value, a property's <c>sourceTime</c>, jobs, import logs, events and data history:
    /// <c>2022-06-10T20:08:11.1425031Z</c>.
    /// </summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A model's <c>uploadTime</c>, which the service writes with an explicit offset: <c>2022-06-10T20:08:11.1425031+00:00</c>.</summary>
    public static string FormatWithOffset(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);
}
