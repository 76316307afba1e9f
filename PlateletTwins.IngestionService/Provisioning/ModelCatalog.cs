using System.Text.Json.Nodes;

namespace PlateletTwins.IngestionService.Provisioning;

/// <summary>The DTDL models of <c>dtdl/</c>, read from the service's output folder, where the build copies them.</summary>
public sealed class ModelCatalog
{
    public const string LabModelId = "dtmi:platelettwins:Lab;1";
    public const string SimulationModelId = "dtmi:platelettwins:Simulation;2";

    public ModelCatalog(string directory)
    {
        Models = Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => (JsonObject)JsonNode.Parse(File.ReadAllText(path))!)
            .ToDictionary(m => m["@id"]!.GetValue<string>(), StringComparer.Ordinal);
        _properties = Models.Keys.ToDictionary(id => id, id =>
        {
            var properties = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
            Collect(id, properties);
            return properties;
        }, StringComparer.Ordinal);
        _schemas = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var model in Models.Values)
        {
            CollectSchemas(model, _schemas);
        }
    }

    public static ModelCatalog FromOutputFolder() => new(Path.Combine(AppContext.BaseDirectory, "dtdl"));

    /// <summary>Every model by its DTMI, as written in <c>dtdl/</c>.</summary>
    public IReadOnlyDictionary<string, JsonObject> Models { get; }

    /// <summary>The properties a model declares or inherits, with their DTDL schemas, by name; none for an unknown model.</summary>
    public IReadOnlyDictionary<string, JsonNode> PropertiesOf(string modelId) =>
        _properties.TryGetValue(modelId, out var properties) ? properties : NoProperties;

    private static readonly Dictionary<string, JsonNode> NoProperties = [];

    // Resolved once, here: the intake asks for every update it validates, from many threads at once.
    private readonly Dictionary<string, Dictionary<string, JsonNode>> _properties;

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
                into[content["name"]!.GetValue<string>()] = Materialized(content["schema"]!);
            }
        }
    }

    // A parsed JsonNode builds its children on first access, which is not safe from several threads at once: walk the
    // schema now, so the validators only ever read it.
    private static JsonNode Materialized(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    if (child is not null)
                    {
                        Materialized(child);
                    }
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        Materialized(child);
                    }
                }
                break;
        }
        return node;
    }

    /// <summary>
    /// A schema named by its DTMI: an entry of an interface's <c>schemas</c>, or any inline schema with an <c>@id</c>;
    /// null when no model defines it.
    /// </summary>
    public JsonNode? Schema(string schemaId) => _schemas.TryGetValue(schemaId, out var schema) ? schema : null;

    private readonly Dictionary<string, JsonNode> _schemas;

    // Every object with an @id below an interface (schemas entries, inline Object/Enum/Map/Array schemas), materialized
    // like the properties' schemas, so that a schema given by reference resolves.
    private static void CollectSchemas(JsonNode node, Dictionary<string, JsonNode> into)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["@id"] is JsonValue id && id.TryGetValue<string>(out var schemaId) && obj["@type"] is JsonValue type
                    && type.TryGetValue<string>(out var kind) && kind is "Object" or "Enum" or "Map" or "Array")
                {
                    into[schemaId] = Materialized(obj);
                }
                foreach (var (_, child) in obj)
                {
                    if (child is not null)
                    {
                        CollectSchemas(child, into);
                    }
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        CollectSchemas(child, into);
                    }
                }
                break;
        }
    }

    /// <summary>The model of a device type, or null when <c>dtdl/</c> has none for it.</summary>
    public string? FindDeviceModel(string deviceType)
    {
        var id = $"dtmi:platelettwins:devices:{deviceType};1";
        return Models.ContainsKey(id) ? id : null;
    }

    /// <summary>The model of a device type, e.g. <c>Centrifuge</c> → <c>dtmi:platelettwins:devices:Centrifuge;1</c>.</summary>
    public string DeviceModelFor(string deviceType)
    {
        var id = $"dtmi:platelettwins:devices:{deviceType};1";
        return Models.ContainsKey(id) ? id : throw new ArgumentException($"No model in dtdl/ for the device type '{deviceType}'.", nameof(deviceType));
    }
}
