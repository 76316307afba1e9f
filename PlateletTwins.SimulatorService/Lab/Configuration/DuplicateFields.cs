using System.Text;
using System.Text.Json;

namespace PlateletTwins.SimulatorService.Lab.Configuration;

/// <summary>
/// Where a JSON text gives a field twice, for the error that names it: System.Text.Json refuses the text
/// (<c>AllowDuplicateProperties = false</c>) but says neither where nor, in a path, which element.
/// </summary>
internal static class DuplicateFields
{
    private sealed class Level(bool isObject)
    {
        public HashSet<string>? Fields { get; } = isObject ? new(StringComparer.Ordinal) : null;

        public string? Field { get; set; }

        public int Index { get; set; } = -1;
    }

    /// <summary>The path of the first field given twice (<c>$.devices[3].capacity</c>), or null when there is none or the text is not JSON.</summary>
    public static string? Find(string json, JsonDocumentOptions options)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions
        {
            CommentHandling = options.CommentHandling,
            AllowTrailingCommas = options.AllowTrailingCommas,
            MaxDepth = options.MaxDepth,
        });
        var levels = new List<Level>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var level = levels[^1];
                        level.Field = reader.GetString()!;
                        if (!level.Fields!.Add(level.Field))
                        {
                            return Path(levels);
                        }
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        levels.RemoveAt(levels.Count - 1);
                        break;
                    default:
                        // A value: in an array, the next element.
                        if (levels.Count > 0 && levels[^1].Fields is null)
                        {
                            levels[^1].Index++;
                        }
                        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                        {
                            levels.Add(new Level(reader.TokenType == JsonTokenType.StartObject));
                        }
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }
        return null;
    }

    /// <summary>The id of element <paramref name="index"/> of a top-level list, read as the text has it (the last of two ids).</summary>
    public static string? IdOf(string json, string list, int index, JsonDocumentOptions options)
    {
        try
        {
            using var document = JsonDocument.Parse(json, options with { AllowDuplicateProperties = true });
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(list, out var elements) && elements.ValueKind == JsonValueKind.Array && index < elements.GetArrayLength()
                && elements[index].ValueKind == JsonValueKind.Object && elements[index].TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Path(List<Level> levels)
    {
        var path = new StringBuilder("$");
        foreach (var level in levels)
        {
            path.Append(level.Fields is null ? $"[{level.Index}]" : $".{level.Field}");
        }
        return path.ToString();
    }
}
