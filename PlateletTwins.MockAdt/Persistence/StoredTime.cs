using System.Globalization;

namespace PlateletTwins.MockAdt.Persistence;

/// <summary>Times as stored: round-trip text, so that a time reads back with its exact ticks and offset.</summary>
internal static class StoredTime
{
    public static string Write(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset Read(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
