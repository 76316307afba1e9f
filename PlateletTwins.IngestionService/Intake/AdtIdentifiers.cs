using System.Text.RegularExpressions;

namespace PlateletTwins.IngestionService.Intake;

/// <summary>What the intake takes as a twin id and as an event id (ADT's Message-Id).</summary>
public static partial class AdtIdentifiers
{
    /// <summary>The longest twin id the intake takes.</summary>
    public const int MaxTwinIdLength = 128;

    /// <summary>
    /// The longest event id: one built from a run id and a twin id (each at most <see cref="MaxTwinIdLength"/>) and a
    /// counter fits, and a header of that size passes any HTTP stack (Kestrel allows 32 KB of headers, proxies 8 KB a line).
    /// </summary>
    public const int MaxEventIdLength = 512;

    /// <summary>
    /// ADT publishes no grammar for twin ids; it only answers InvalidArgument to an invalid one. A twin id is a path
    /// segment of every ADT URL and part of the relationship ids provisioning derives from it, so the intake takes only
    /// what needs no escaping anywhere: a letter or digit, then letters, digits and <c>- . _ ~ :</c>, at most 128.
    /// </summary>
    public static bool IsTwinId(string? id) => id is not null && TwinIdPattern().IsMatch(id);

    /// <summary>
    /// An event goes to ADT's telemetry API with its id as the Message-Id header, its de-duplication key. .NET's HttpClient
    /// refuses a header value with non-ASCII or control characters (CR/LF included) when it sends the request, and HTTP
    /// trims spaces at either end, which would change the key: so visible ASCII only, 1 to 512 characters.
    /// </summary>
    public static bool IsEventId(string? id) => id is not null && EventIdPattern().IsMatch(id);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._~:-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex TwinIdPattern();

    [GeneratedRegex(@"^[\x21-\x7E]{1,512}\z", RegexOptions.CultureInvariant)]
    private static partial Regex EventIdPattern();
}
