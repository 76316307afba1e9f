using System.Collections.Frozen;
using System.Text.Json.Nodes;
using PlateletTwins.Dtdl;
using PlateletTwins.Dtdl.Json;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.Dtdl.Model;

namespace PlateletTwins.IngestionService.Provisioning;

/// <summary>
/// The DTDL models of <c>dtdl/</c>, read from the service's output folder, where the build copies them: as written (what
/// provisioning uploads) and, read and resolved by the DTDL library, the properties of each model with their typed schemas.
/// </summary>
internal sealed class ModelCatalog
{
    private static readonly FrozenDictionary<string, DtdlSchema> NoProperties = FrozenDictionary<string, DtdlSchema>.Empty;

    // Resolved once, here: the intake asks for every update it validates, from many threads at once.
    private readonly FrozenDictionary<string, FrozenDictionary<string, DtdlSchema>> _properties;
    private readonly FrozenDictionary<string, ResolvedModel> _resolved;

    public ModelCatalog(string directory)
    {
        var documents = Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => JsonNode.Parse(File.ReadAllText(path)))
            .ToList();
        var parsed = ModelParser.Parse(documents, _ => null);
        if (!parsed.IsValid)
        {
            throw new InvalidDataException($"The models in {directory} are not valid DTDL: {string.Join(" ", parsed.Problems)}");
        }
        var interfaces = parsed.Interfaces.ToDictionary(m => m.Id, StringComparer.Ordinal);
        Models = documents.Cast<JsonObject>().ToDictionary(d => d["@id"].StringOrNull()!, StringComparer.Ordinal);
        _resolved = interfaces.Values.ToFrozenDictionary(m => m.Id, m => ModelResolver.Resolve(m, id => interfaces.GetValueOrDefault(id)), StringComparer.Ordinal);
        _properties = _resolved.ToFrozenDictionary(m => m.Key, m => m.Value.Contents.Values
            .Where(c => c.Kind == ContentKind.Property)
            .ToFrozenDictionary(c => c.Name, c => c.Schema!, StringComparer.Ordinal), StringComparer.Ordinal);
    }

    public static ModelCatalog FromOutputFolder() => new(Path.Combine(AppContext.BaseDirectory, "dtdl"));

    /// <summary>Every model by its DTMI, as written in <c>dtdl/</c>.</summary>
    public IReadOnlyDictionary<string, JsonObject> Models { get; }

    /// <summary>The properties a model declares or inherits, with their DTDL schemas, by name; none for an unknown model.</summary>
    public IReadOnlyDictionary<string, DtdlSchema> PropertiesOf(string modelId) =>
        _properties.TryGetValue(modelId, out var properties) ? properties : NoProperties;

    /// <summary>Whether a twin can be created of the model: an interface of <c>dtdl/</c>.</summary>
    public bool IsModel(string? modelId) => modelId is not null && _resolved.ContainsKey(modelId);

    /// <summary>The relationship of that name a model declares or inherits; null when it has none.</summary>
    public DtdlContent? RelationshipOf(string modelId, string name) =>
        _resolved.TryGetValue(modelId, out var model) && model.Contents.TryGetValue(name, out var content) && content.Kind == ContentKind.Relationship ? content : null;

    /// <summary>Whether a twin of <paramref name="modelId"/> is a <paramref name="baseId"/> (the model itself or one it extends).</summary>
    public bool IsOf(string modelId, string baseId) => _resolved.TryGetValue(modelId, out var model) && model.Ancestors.Contains(baseId);

    /// <summary>The model of a device type, or null when <c>dtdl/</c> has none for it.</summary>
    public string? FindDeviceModel(string deviceType)
    {
        var id = DeviceModel.ModelIdOf(deviceType);
        return Models.ContainsKey(id) ? id : null;
    }

    /// <summary>The model of a device type, e.g. <c>Centrifuge</c> → <c>dtmi:platelettwins:devices:Centrifuge;1</c>.</summary>
    public string DeviceModelFor(string deviceType) =>
        FindDeviceModel(deviceType) ?? throw new ArgumentException($"No model in dtdl/ for the device type '{deviceType}'.", nameof(deviceType));
}
