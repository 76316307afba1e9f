using System.Text.Json.Nodes;

namespace PlateletTwins.IngestionService.Provisioning;

/// <summary>The DTDL models of <c>dtdl/</c>, read from the service's output folder, where the build copies them.</summary>
public sealed class ModelCatalog
{
    public const string DeviceModelId = "dtmi:platelettwins:Device;1";
    public const string LabModelId = "dtmi:platelettwins:Lab;1";
    public const string SimulationModelId = "dtmi:platelettwins:Simulation;1";

    public ModelCatalog(string directory)
    {
        Models = Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => (JsonObject)JsonNode.Parse(File.ReadAllText(path))!)
            .ToDictionary(m => m["@id"]!.GetValue<string>(), StringComparer.Ordinal);
    }

    public static ModelCatalog FromOutputFolder() => new(Path.Combine(AppContext.BaseDirectory, "dtdl"));

    /// <summary>Every model by its DTMI, as written in <c>dtdl/</c>.</summary>
    public IReadOnlyDictionary<string, JsonObject> Models { get; }

    /// <summary>The properties a model declares or inherits, with their DTDL schemas, by name.</summary>
    public IReadOnlyDictionary<string, JsonNode> PropertiesOf(string modelId)
    {
        var properties = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        Collect(modelId, properties);
        return properties;
    }

    private void Collect(string modelId, Dictionary<string, JsonNode> into)
    {
        if (!Models.TryGetValue(modelId, out var model))
        {
            return;
        }
        var bases = model["extends"] switch
        {
            JsonValue single => [single.GetValue<string>()],
            JsonArray many => many.Select(b => b!.GetValue<string>()),
            _ => [],
        };
        foreach (var baseId in bases)
        {
            Collect(baseId, into);
        }
        foreach (var content in model["contents"] as JsonArray ?? [])
        {
            var type = content!["@type"];
            var isProperty = type is JsonValue v ? v.GetValue<string>() == "Property" : type is JsonArray a && a.Any(t => t!.GetValue<string>() == "Property");
            if (isProperty)
            {
                into[content["name"]!.GetValue<string>()] = content["schema"]!;
            }
        }
    }

    /// <summary>The model of a device type, e.g. <c>Centrifuge</c> → <c>dtmi:platelettwins:devices:Centrifuge;1</c>.</summary>
    public string DeviceModelFor(string deviceType)
    {
        var id = $"dtmi:platelettwins:devices:{deviceType};1";
        return Models.ContainsKey(id) ? id : throw new ArgumentException($"No model in dtdl/ for the device type '{deviceType}'.", nameof(deviceType));
    }
}
