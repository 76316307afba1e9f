using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace PlateletTwins.SimulatorService.Lab.Configuration;

/// <summary>
/// Lab files in JSON. A file overrides the reference lab: top-level settings replace the defaults; <c>devices</c> and
/// <c>buffers</c> merge by <c>id</c> (a listed field replaces the default's, a new id adds one), so
/// <c>{"devices":[{"id":"separator-03","capacity":2}]}</c> is a complete lab file.
/// </summary>
public static class LabFile
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Write(LabConfig lab) => JsonSerializer.Serialize(lab, Options);

    public static LabConfig Load(string path) => Parse(File.ReadAllText(path));

    public static LabConfig Parse(string json)
    {
        var defaults = JsonNode.Parse(Write(ReferenceLab.Create()))!.AsObject();
        var overrides = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("A lab file is a JSON object.");
        foreach (var (key, value) in overrides)
        {
            defaults[key] = key is "devices" or "buffers" && defaults[key] is JsonArray existing && value is JsonArray changes
                ? MergeById(existing, changes)
                : value?.DeepClone();
        }
        return defaults.Deserialize<LabConfig>(Options) ?? throw new JsonException("The lab file is empty.");
    }

    private static JsonArray MergeById(JsonArray defaults, JsonArray changes)
    {
        var merged = new JsonArray([.. defaults.Select(d => d?.DeepClone())]);
        foreach (var change in changes.OfType<JsonObject>())
        {
            var id = change["id"]?.GetValue<string>() ?? throw new JsonException("Every device and buffer of a lab file needs an id.");
            var target = merged.OfType<JsonObject>().FirstOrDefault(d => d["id"]?.GetValue<string>() == id);
            if (target is null)
            {
                merged.Add(change.DeepClone());
                continue;
            }
            foreach (var (key, value) in change)
            {
                target[key] = value?.DeepClone();
            }
        }
        return merged;
    }
}
