using System.Globalization;
using System.Text.Json.Nodes;
using PlateletTwins.MockAdt.Store;

namespace PlateletTwins.MockAdt.Models;

/// <summary>A model as the models API returns it (DigitalTwinsModelData), in the service's member order.</summary>
public static class ModelData
{
    public static JsonObject From(ModelEntry entry, bool includeDefinition)
    {
        var data = new JsonObject
        {
            ["id"] = entry.Id,
            ["description"] = entry.Interface.Description.DeepClone(),
            ["displayName"] = entry.Interface.DisplayName.DeepClone(),
            ["decommissioned"] = entry.Decommissioned,
            // The service writes upload times with an explicit offset and 7 fractional digits.
            ["uploadTime"] = entry.UploadTime.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture),
        };
        if (includeDefinition)
        {
            data["model"] = entry.Interface.Source.DeepClone();
        }
        return data;
    }
}
