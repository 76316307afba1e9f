using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml;

namespace PlateletTwins.IngestionService.Intake;

/// <summary>
/// Whether a JSON value is a valid instance of a DTDL v3 schema, by the rules ADT applies when it validates a twin write
/// (a value it would refuse as <c>ValidationFailed</c>). All of the intake's DTDL value rules live here, so that they can
/// move to a shared DTDL library as one piece.
/// <list type="bullet">
/// <item>Primitive schemas as the DTDL v3 specification defines them: integer a signed 4-byte integer, long 8-byte,
/// double an IEEE 8-byte and float a 4-byte float (finite: JSON has no NaN or Infinity, and a literal such as
/// <c>1e400</c> is out of range), string UTF-8, date an RFC 3339 full-date, dateTime an RFC 3339 date-time, time an
/// RFC 3339 full-time, duration ISO 8601.</item>
/// <item>ADT's service limits: a string value holds at most 4 KB of UTF-8, a property name (so a map key) at most 1 KB.</item>
/// <item>Complex schemas: Enum values by their valueSchema, Object fields each by its schema with unknown fields refused,
/// Map keys and values, Array elements (ADT takes Array-schema properties in DTDL v3 models), GeoJSON for the
/// geospatial schemas. A null is never a value: ADT unsets a property with a JSON Patch remove.</item>
/// </list>
/// Where a format is wider in ISO 8601 than in what the emulator and .NET accept (week durations, more than seven
/// fractional digits), the narrower rule is taken: refusing at once is better than a dead letter later.
/// </summary>
public static partial class DtdlValueConformance
{
    /// <summary>ADT's limit on a string property value, in UTF-8 bytes ("4 KB", reference-service-limits).</summary>
    public const int MaxStringBytes = 4 * 1024;

    /// <summary>ADT's limit on a property name, in UTF-8 bytes ("1 KB"): a map key is a property name in the twin's JSON.</summary>
    public const int MaxPropertyNameBytes = 1024;

    /// <summary>Null when <paramref name="value"/> is an instance of <paramref name="schema"/>, else why not, naming <paramref name="path"/>.</summary>
    /// <param name="resolve">Finds a schema given by its DTMI (an interface's <c>schemas</c> entry).</param>
    public static string? Check(JsonNode? value, JsonNode schema, Func<string, JsonNode?> resolve, string path)
    {
        if (value is null)
        {
            return $"{path} is null; a property is unset by removing it, never set to null.";
        }
        if (schema is JsonValue named && named.TryGetValue<string>(out var name))
        {
            if (name.StartsWith("dtmi:", StringComparison.Ordinal))
            {
                return resolve(name) is { } resolved ? Check(value, resolved, resolve, path) : $"{path}: its schema {name} is not defined by any model.";
            }
            return CheckPrimitive(value, name, path);
        }
        if (schema is not JsonObject complex)
        {
            return $"{path}: its schema {schema.ToJsonString()} is not a DTDL schema.";
        }
        return TypeOf(complex) switch
        {
            "Enum" => CheckEnum(value, complex, path),
            "Object" => CheckObject(value, complex, resolve, path),
            "Map" => CheckMap(value, complex, resolve, path),
            "Array" => CheckArray(value, complex, resolve, path),
            var other => $"{path}: its schema type {other ?? "(none)"} is not one the intake knows.",
        };
    }

    private static string? TypeOf(JsonObject schema) => schema["@type"] switch
    {
        JsonValue single when single.TryGetValue<string>(out var type) => type,
        JsonArray many => many.Select(t => t is JsonValue v && v.TryGetValue<string>(out var s) ? s : null)
            .FirstOrDefault(t => t is "Enum" or "Object" or "Map" or "Array"),
        _ => null,
    };

    private static string? CheckEnum(JsonNode value, JsonObject schema, string path)
    {
        var valueSchema = schema["valueSchema"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "string";
        var kindProblem = CheckPrimitive(value, valueSchema, path);
        if (kindProblem is not null)
        {
            return kindProblem;
        }
        foreach (var candidate in schema["enumValues"] as JsonArray ?? [])
        {
            if (candidate?["enumValue"] is JsonValue enumValue && JsonNode.DeepEquals(enumValue, value))
            {
                return null;
            }
        }
        var allowed = string.Join(", ", (schema["enumValues"] as JsonArray ?? []).Select(c => c?["enumValue"]?.ToJsonString()));
        return $"{path} = {Abbreviate(value)} is not one of the enum values {allowed}.";
    }

    private static string? CheckObject(JsonNode value, JsonObject schema, Func<string, JsonNode?> resolve, string path)
    {
        if (value is not JsonObject fields)
        {
            return $"{path} = {Abbreviate(value)} is not an object.";
        }
        var declared = schema["fields"] as JsonArray ?? [];
        foreach (var (name, fieldValue) in fields)
        {
            var field = declared.FirstOrDefault(f => f?["name"] is JsonValue n && n.TryGetValue<string>(out var fieldName) && fieldName == name);
            if (field?["schema"] is not { } fieldSchema)
            {
                return $"{path}.{name} is not a field of the object's schema.";
            }
            if (Check(fieldValue, fieldSchema, resolve, $"{path}.{name}") is { } problem)
            {
                return problem;
            }
        }
        return null;
    }

    private static string? CheckMap(JsonNode value, JsonObject schema, Func<string, JsonNode?> resolve, string path)
    {
        if (value is not JsonObject entries)
        {
            return $"{path} = {Abbreviate(value)} is not a map (a JSON object).";
        }
        if (schema["mapValue"]?["schema"] is not { } valueSchema)
        {
            return $"{path}: its map schema has no mapValue schema.";
        }
        foreach (var (key, entry) in entries)
        {
            if (key.Length == 0 || Encoding.UTF8.GetByteCount(key) > MaxPropertyNameBytes)
            {
                return $"{path} has a map key of {Encoding.UTF8.GetByteCount(key)} bytes; a key is 1 to {MaxPropertyNameBytes} bytes of UTF-8.";
            }
            if (Check(entry, valueSchema, resolve, $"{path}[{Abbreviate(key)}]") is { } problem)
            {
                return problem;
            }
        }
        return null;
    }

    private static string? CheckArray(JsonNode value, JsonObject schema, Func<string, JsonNode?> resolve, string path)
    {
        if (value is not JsonArray elements)
        {
            return $"{path} = {Abbreviate(value)} is not an array.";
        }
        if (schema["elementSchema"] is not { } elementSchema)
        {
            return $"{path}: its array schema has no elementSchema.";
        }
        for (var i = 0; i < elements.Count; i++)
        {
            if (Check(elements[i], elementSchema, resolve, $"{path}[{i}]") is { } problem)
            {
                return problem;
            }
        }
        return null;
    }

    private static string? CheckPrimitive(JsonNode value, string schema, string path)
    {
        if (Geometry(schema) is { } geometry)
        {
            return IsGeoJson(value, geometry) ? null : $"{path} = {Abbreviate(value)} is not a GeoJSON {geometry}.";
        }
        if (value is not JsonValue primitive)
        {
            return $"{path} = {Abbreviate(value)} is not a {schema}.";
        }
        var kind = primitive.GetValueKind();
        var ok = schema switch
        {
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            "integer" => kind == JsonValueKind.Number && primitive.TryGetValue<int>(out _),
            "long" => kind == JsonValueKind.Number && primitive.TryGetValue<long>(out _),
            "double" => kind == JsonValueKind.Number && primitive.TryGetValue<double>(out var d) && double.IsFinite(d),
            "float" => kind == JsonValueKind.Number && primitive.TryGetValue<double>(out var f) && double.IsFinite(f) && Math.Abs(f) <= float.MaxValue,
            "string" or "date" or "dateTime" or "time" or "duration" => kind == JsonValueKind.String,
            _ => false,
        };
        if (!ok)
        {
            return $"{path} = {Abbreviate(value)} is not a valid {schema}.";
        }
        if (kind != JsonValueKind.String)
        {
            return null;
        }
        if (!TryGetString(primitive, out var text))
        {
            return $"{path} is not a valid Unicode string.";
        }
        return schema switch
        {
            "string" when Encoding.UTF8.GetByteCount(text) > MaxStringBytes =>
                $"{path} is {Encoding.UTF8.GetByteCount(text)} bytes of UTF-8; ADT takes at most {MaxStringBytes} in a string value.",
            "date" when !IsDate(text) => $"{path} = {Abbreviate(value)} is not an RFC 3339 full-date (yyyy-MM-dd).",
            "dateTime" when !TryParseDateTime(text, out _) => $"{path} = {Abbreviate(value)} is not an RFC 3339 date-time with an offset.",
            "time" when !IsTime(text) => $"{path} = {Abbreviate(value)} is not an RFC 3339 full-time (HH:mm:ss with an offset).",
            "duration" when !IsDuration(text) => $"{path} = {Abbreviate(value)} is not an ISO 8601 duration (PnYnMnDTnHnMnS).",
            _ => null,
        };
    }

    // A string of the JSON text decodes only if it is valid UTF-8 without lone surrogates.
    private static bool TryGetString(JsonValue value, out string text)
    {
        try
        {
            text = value.GetValue<string>();
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    /// <summary>An RFC 3339 date-time: <c>yyyy-MM-ddTHH:mm:ss[.f{1,7}](Z|±HH:mm)</c>, an instant that exists.</summary>
    public static bool TryParseDateTime(string text, out DateTimeOffset instant)
    {
        instant = default;
        return DateTimePattern().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out instant);
    }

    private static bool IsDate(string text) =>
        DatePattern().IsMatch(text) && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    // DTDL's time is RFC 3339's full-time: a partial time and an offset.
    private static bool IsTime(string text)
    {
        var match = TimePattern().Match(text);
        return match.Success
            && TimeOnly.TryParseExact(match.Groups["time"].Value, ["HH:mm:ss", "HH:mm:ss.FFFFFFF"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            && (match.Groups["offset"].Value is "Z" || (int.Parse(match.Groups["offset"].Value.AsSpan(1, 2), CultureInfo.InvariantCulture) <= 23
                && int.Parse(match.Groups["offset"].Value.AsSpan(4, 2), CultureInfo.InvariantCulture) <= 59));
    }

    // ISO 8601's PnYnMnDTnHnMnS; weeks (PnW) are left out: XML Schema's duration, which .NET and the emulator read, has none.
    private static bool IsDuration(string text)
    {
        if (!DurationPattern().IsMatch(text))
        {
            return false;
        }
        try
        {
            XmlConvert.ToTimeSpan(text);
            return true;
        }
        catch (Exception error) when (error is FormatException or OverflowException)
        {
            return false;
        }
    }

    private static string? Geometry(string schema) => schema switch
    {
        "point" => "Point",
        "lineString" => "LineString",
        "polygon" => "Polygon",
        "multiPoint" => "MultiPoint",
        "multiLineString" => "MultiLineString",
        "multiPolygon" => "MultiPolygon",
        _ => null,
    };

    // RFC 7946: {"type": <geometry>, "coordinates": <positions nested by the geometry>}, a position being 2 or 3 numbers.
    private static bool IsGeoJson(JsonNode value, string geometry)
    {
        if (value is not JsonObject geo || geo.Count != 2 || geo["type"] is not JsonValue type || !type.TryGetValue<string>(out var name) || name != geometry)
        {
            return false;
        }
        var coordinates = geo["coordinates"];
        return geometry switch
        {
            "Point" => IsPosition(coordinates),
            "LineString" or "MultiPoint" => IsPositions(coordinates, geometry == "LineString" ? 2 : 1),
            "Polygon" or "MultiLineString" => coordinates is JsonArray lines && lines.All(l => IsPositions(l, geometry == "Polygon" ? 4 : 2)),
            "MultiPolygon" => coordinates is JsonArray polygons && polygons.All(p => p is JsonArray rings && rings.All(r => IsPositions(r, 4))),
            _ => false,
        };
    }

    private static bool IsPositions(JsonNode? node, int minimum) => node is JsonArray positions && positions.Count >= minimum && positions.All(IsPosition);

    private static bool IsPosition(JsonNode? node) =>
        node is JsonArray { Count: 2 or 3 } position
        && position.All(c => c is JsonValue n && n.GetValueKind() == JsonValueKind.Number && n.TryGetValue<double>(out var d) && double.IsFinite(d));

    private static string Abbreviate(JsonNode value) => Abbreviate(value.ToJsonString());

    private static string Abbreviate(string text) => text.Length <= 64 ? text : text[..61] + "...";

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?(Z|[+-][0-9]{2}:[0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^(?<time>[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?)(?<offset>Z|[+-][0-9]{2}:[0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^P(?=[0-9]|T[0-9])([0-9]+Y)?([0-9]+M)?([0-9]+D)?(T(?=[0-9])([0-9]+H)?([0-9]+M)?([0-9]+(\.[0-9]+)?S)?)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
