using System.Globalization;
using System.Text.Json.Nodes;

namespace PlateletTwins.MockAdt.Twins;

/// <summary>
/// The <c>$metadata</c> of a twin or of one of its components: per property <c>lastUpdateTime</c> (when the
/// service took the change) and <c>sourceTime</c> (when the change happened, as the writer says).
/// </summary>
internal static partial class TwinMetadata
{
    public const string Key = "$metadata";

    /// <summary>
    /// Whether <paramref name="text"/> is a sourceTime the service takes: an ISO 8601 date and time ("optional,
    /// writable property … ISO 8601 date and time", Learn concepts-twins-graph), for PUT and PATCH alike. A date must lead:
    /// .NET's lenient parse alone would take a bare time such as "12:00" as today's.
    /// </summary>
    public static bool IsSourceTime(string? text) =>
        text is not null && DateAndTime().IsMatch(text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _);

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}")]
    private static partial System.Text.RegularExpressions.Regex DateAndTime();

    public static JsonObject Of(JsonObject container)
    {
        if (container[Key] is JsonObject metadata)
        {
            return metadata;
        }
        var created = new JsonObject();
        container[Key] = created;
        return created;
    }

    public static void Touch(JsonObject container, string property, string now)
    {
        var metadata = Of(container);
        metadata["$lastUpdateTime"] = now;
        if (metadata[property] is JsonObject entry)
        {
            entry["lastUpdateTime"] = now;
        }
        else
        {
            metadata[property] = new JsonObject { ["lastUpdateTime"] = now };
        }
    }

    public static void SetSourceTime(JsonObject container, string property, string? sourceTime, string now)
    {
        var metadata = Of(container);
        metadata["$lastUpdateTime"] = now;
        if (metadata[property] is not JsonObject entry)
        {
            entry = new JsonObject { ["lastUpdateTime"] = now };
            metadata[property] = entry;
        }
        if (sourceTime is null)
        {
            entry.Remove("sourceTime");
        }
        else
        {
            entry["sourceTime"] = sourceTime;
        }
    }

    public static void Forget(JsonObject container, string property, string now)
    {
        var metadata = Of(container);
        metadata["$lastUpdateTime"] = now;
        metadata.Remove(property);
    }
}
