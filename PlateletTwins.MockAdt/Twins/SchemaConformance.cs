using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using PlateletTwins.Dtdl;

namespace PlateletTwins.MockAdt.Twins;

/// <summary>Checks a JSON value against a DTDL schema, as ADT does on every twin write.</summary>
public static class SchemaConformance
{
    /// <summary>ADT's limit on a string property value, in UTF-8 bytes.</summary>
    public const int MaxStringBytes = 4 * 1024;

    /// <summary>Adds a problem for every way <paramref name="value"/> does not conform to <paramref name="schema"/>.</summary>
    public static void Check(JsonNode? value, DtdlSchema schema, string path, List<string> problems)
    {
        if (value is null)
        {
            problems.Add($"{path} must not be null.");
            return;
        }
        switch (schema)
        {
            case PrimitiveSchema primitive:
                if (!ConformsToPrimitive(value, primitive.Name, out var reason))
                {
                    problems.Add($"{path} has value {Abbreviate(value)} that is not valid for schema '{primitive.Name}'{reason}.");
                }
                break;
            case EnumSchema enumSchema:
                if (!enumSchema.Values.Any(v => Matches(value, v)))
                {
                    problems.Add($"{path} has value {Abbreviate(value)} that is not one of the enum values {string.Join(", ", enumSchema.Values.Select(v => v.StringValue ?? v.IntegerValue?.ToString(CultureInfo.InvariantCulture)))}.");
                }
                break;
            case ObjectSchema objectSchema:
                if (value is not JsonObject obj)
                {
                    problems.Add($"{path} must be an object.");
                    break;
                }
                foreach (var (name, fieldValue) in obj)
                {
                    var field = objectSchema.Fields.FirstOrDefault(f => f.Name == name);
                    if (field is null)
                    {
                        problems.Add($"{path}/{name} is not a field of the object schema.");
                    }
                    else
                    {
                        Check(fieldValue, field.Schema, $"{path}/{name}", problems);
                    }
                }
                break;
            case MapSchema map:
                if (value is not JsonObject entries)
                {
                    problems.Add($"{path} must be a map (a JSON object).");
                    break;
                }
                foreach (var (key, entry) in entries)
                {
                    Check(entry, map.ValueSchema, $"{path}/{key}", problems);
                }
                break;
            case ArraySchema array:
                if (value is not JsonArray items)
                {
                    problems.Add($"{path} must be an array.");
                    break;
                }
                for (var i = 0; i < items.Count; i++)
                {
                    Check(items[i], array.ElementSchema, $"{path}/{i}", problems);
                }
                break;
        }
    }

    private static bool Matches(JsonNode value, EnumValue candidate) =>
        value is JsonValue v && (candidate.StringValue is { } s
            ? v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == s
            : v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var l) && l == candidate.IntegerValue);

    private static bool ConformsToPrimitive(JsonNode node, string schema, out string reason)
    {
        reason = "";
        if (GeoNesting(schema) is { } nesting)
        {
            // GeoJSON: the type, and coordinates nested exactly as the type says, positions of finite numbers. Checking
            // the whole shape also bounds the depth of what is stored (any array would have nested without limit).
            return node is JsonObject geo
                && geo.All(member => member.Key is "type" or "coordinates")
                && geo["type"] is JsonValue t && t.TryGetValue<string>(out var type)
                && string.Equals(type, schema, StringComparison.OrdinalIgnoreCase)
                && IsCoordinates(geo["coordinates"], nesting);
        }
        if (node is not JsonValue value)
        {
            return false;
        }
        var kind = value.GetValueKind();
        switch (schema)
        {
            case "boolean":
                return kind is JsonValueKind.True or JsonValueKind.False;
            case "integer":
                return kind == JsonValueKind.Number && value.TryGetValue<int>(out _);
            case "long":
                return kind == JsonValueKind.Number && value.TryGetValue<long>(out _);
            case "double":
                return kind == JsonValueKind.Number && value.TryGetValue<double>(out var d) && double.IsFinite(d);
            case "float":
                return kind == JsonValueKind.Number && value.TryGetValue<double>(out var f) && Math.Abs(f) <= float.MaxValue;
        }
        if (kind != JsonValueKind.String)
        {
            return false;
        }
        var text = value.GetValue<string>();
        switch (schema)
        {
            case "string":
                if (Encoding.UTF8.GetByteCount(text) > MaxStringBytes)
                {
                    reason = $" (longer than {MaxStringBytes} bytes)";
                    return false;
                }
                return true;
            case "dateTime":
                return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _) && text.Contains('T', StringComparison.Ordinal);
            case "date":
                return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
            case "time":
                return TimeOnly.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
            case "duration":
                try
                {
                    XmlConvert.ToTimeSpan(text);
                    return true;
                }
                catch (FormatException)
                {
                    return false;
                }
            default:
                return false;
        }
    }

    // How many arrays a geospatial schema's coordinates hold around its positions.
    private static int? GeoNesting(string schema) => schema switch
    {
        "point" => 0,
        "lineString" or "multiPoint" => 1,
        "polygon" or "multiLineString" => 2,
        "multiPolygon" => 3,
        _ => null,
    };

    private static bool IsCoordinates(JsonNode? node, int nesting) => nesting == 0
        ? node is JsonArray { Count: >= 2 and <= 3 } position
            && position.All(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) && double.IsFinite(d))
        : node is JsonArray items && items.All(item => IsCoordinates(item, nesting - 1));

    private static string Abbreviate(JsonNode value)
    {
        var text = value.ToJsonString();
        return text.Length <= 64 ? text : text[..61] + "...";
    }
}
