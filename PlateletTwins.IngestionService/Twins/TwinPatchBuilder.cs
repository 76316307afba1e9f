using System.Globalization;
using Azure;

namespace PlateletTwins.IngestionService.Twins;

/// <summary>
/// One JSON Patch per write: <c>add</c> for every property (an upsert in ADT; <c>replace</c> fails on a property
/// the twin does not have yet) and its <c>sourceTime</c>, the simulated instant of the change.
/// </summary>
public static class TwinPatchBuilder
{
    public static JsonPatchDocument Build(PendingWrite write)
    {
        var patch = new JsonPatchDocument();
        foreach (var (name, property) in write.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            patch.AppendAddRaw("/" + Escape(name), property.Value.ToJsonString());
            patch.AppendAdd("/$metadata/" + Escape(name) + "/sourceTime",
                property.SourceTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        }
        return patch;
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
