using System.Text.RegularExpressions;
using PlateletTwins.Dtdl;

namespace PlateletTwins.IngestionService.Intake;

/// <summary>What the intake takes as an event id (ADT's Message-Id); twin ids follow the solution's <see cref="TwinIds"/>.</summary>
internal static partial class AdtIdentifiers
{
    /// <summary>
    /// The longest event id: one built from a run id and a twin id (each at most <see cref="TwinIds.MaxLength"/>) and a
    /// counter fits, and a header of that size passes any HTTP stack (Kestrel allows 32 KB of headers, proxies 8 KB a line).
    /// </summary>
    public const int MaxEventIdLength = 512;

    /// <summary>
    /// An event goes to ADT's telemetry API with its id as the Message-Id header, its de-duplication key. .NET's HttpClient
    /// refuses a header value with non-ASCII or control characters (CR/LF included) when it sends the request, and HTTP
    /// trims spaces at either end, which would change the key: so visible ASCII only, 1 to 512 characters.
    /// </summary>
    public static bool IsEventId(string? id) => id is not null && EventIdPattern().IsMatch(id);

    [GeneratedRegex(@"^[\x21-\x7E]{1,512}\z", RegexOptions.CultureInvariant)]
    private static partial Regex EventIdPattern();
}
