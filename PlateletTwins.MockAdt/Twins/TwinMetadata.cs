using System.Globalization;
using System.Text.Json.Nodes;

namespace PlateletTwins.MockAdt.Twins;

/// <summary>
/// The <c>$metadata</c> of a twin or of one of its components: per property <c>lastUpdateTime</c> (when the
/// service took the change) and <c>sourceTime</c> (when the change happened, as the writer says).
/// </summary>
public static class TwinMetadata
{
    public const string Key = "$metadata";

    /// <summary>Whether <paramref name="text"/> is a sourceTime the service takes: an ISO 8601 date and time.</summary>
    public static bool IsSourceTime(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _);

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
