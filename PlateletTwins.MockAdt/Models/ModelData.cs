using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Values;
using PlateletTwins.MockAdt.Store;

namespace PlateletTwins.MockAdt.Models;

/// <summary>A model as the models API returns it (DigitalTwinsModelData), in the service's member order.</summary>
internal static class ModelData
{
    public static JsonObject From(ModelEntry entry, bool includeDefinition)
    {
        var data = new JsonObject
        {
            ["id"] = entry.Id,
            ["description"] = entry.Interface.Description.DeepClone(),
            ["displayName"] = entry.Interface.DisplayName.DeepClone(),
            ["decommissioned"] = entry.Decommissioned,
            ["uploadTime"] = AdtTime.FormatWithOffset(entry.UploadTime),
        };
        if (includeDefinition)
        {
            data["model"] = entry.Interface.Source.DeepClone();
        }
        return data;
    }
}
