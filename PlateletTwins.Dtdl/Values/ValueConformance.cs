using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Model;

namespace PlateletTwins.Dtdl.Values;

/// <summary>
/// Whether a JSON value is a valid instance of a DTDL schema, by the rules ADT applies when it validates a twin,
/// component or relationship write (what it refuses as <c>ValidationFailed</c>):
/// <list type="bullet">
/// <item>Primitives as DTDL v3 defines them: boolean; integer a signed 4-byte and long an 8-byte integer (no fraction or
/// exponent); double an IEEE 8-byte and float a 4-byte number, finite; string valid Unicode within ADT's 4 KB of UTF-8;
/// date, dateTime, time and duration in the forms of <see cref="TemporalFormats"/>.</item>
/// <item>Enum: a value of its valueSchema (string or integer) that is one of its enumValues.</item>
/// <item>Object: each field by its schema, unknown fields refused, missing fields allowed.</item>
/// <item>Map: keys of 1 to 1 KB of UTF-8 (a key is a property name in the twin's JSON), each value by the map's value schema.</item>
/// <item>Array: each element by the element schema. Geospatial schemas: GeoJSON (<see cref="GeoJson"/>).</item>
/// <item>Null is never a value: ADT unsets a property with a JSON Patch remove.</item>
/// </list>
/// On MockAdt's PATCH path: a valid value is judged without allocating; paths and messages are made only for a value
/// that fails, in a second walk that reports.
/// </summary>
public static class ValueConformance
{
    /// <summary>Whether <paramref name="value"/> is an instance of <paramref name="schema"/>.</summary>
    public static bool IsValid(JsonNode? value, DtdlSchema schema) => Walk(value, schema, "", null);

    /// <summary>Adds a problem, naming its path below <paramref name="path"/>, for every way <paramref name="value"/> fails <paramref name="schema"/>; whether it conforms.</summary>
    public static bool Check(JsonNode? value, DtdlSchema schema, string path, List<string> problems)
    {
        if (Walk(value, schema, path, null))
        {
            return true;
        }
        Walk(value, schema, path, problems);
        return false;
    }

    /// <summary>Null when <paramref name="value"/> is an instance of <paramref name="schema"/>, else the first reason why not.</summary>
    public static string? FirstProblem(JsonNode? value, DtdlSchema schema, string path)
    {
        if (Walk(value, schema, path, null))
        {
            return null;
        }
        var problems = new List<string>(1);
        Walk(value, schema, path, problems);
        return problems[0];
    }

    // Reports to problems when it is not null; without it, no path or message is made. Every false adds a problem.
    private static bool Walk(JsonNode? value, DtdlSchema schema, string path, List<string>? problems)
    {
        if (value is null)
        {
            problems?.Add($"{path} is null; a property is unset by removing it, never set to null.");
            return false;
        }
        return schema switch
        {
            PrimitiveSchema primitive => CheckPrimitive(value, primitive.Name, path, problems),
            EnumSchema enumSchema => CheckEnum(value, enumSchema, path, problems),
            ObjectSchema objectSchema => CheckObject(value, objectSchema, path, problems),
            MapSchema map => CheckMap(value, map, path, problems),
            ArraySchema array => CheckArray(value, array, path, problems),
            _ => Unknown(schema, path, problems),
        };
    }

    private static bool Unknown(DtdlSchema schema, string path, List<string>? problems)
    {
        problems?.Add($"{path}: its schema {schema.GetType().Name} is not one the library can check.");
        return false;
    }

    private static bool CheckPrimitive(JsonNode value, string schema, string path, List<string>? problems)
    {
        if (GeoJson.GeometryOf(schema) is { } geometry)
        {
            if (GeoJson.IsGeometry(value, geometry))
            {
                return true;
            }
            problems?.Add($"{path} = {Abbreviate(value)} is not a GeoJSON {geometry} (type and coordinates, positions of 2 or 3 numbers).");
            return false;
        }
        if (value is not JsonValue json || !JsonScalar.TryRead(json, out var scalar))
        {
            problems?.Add($"{path} = {Abbreviate(value)} is not a valid {schema}.");
            return false;
        }
        var ok = schema switch
        {
            "boolean" => scalar.Kind is JsonValueKind.True or JsonValueKind.False,
            "integer" => scalar.IsInt32,
            "long" => scalar.IsInt64,
            "double" => scalar.IsFiniteDouble(double.MaxValue),
            "float" => scalar.IsFiniteDouble(float.MaxValue),
            // DTDL v3's further numeric primitives, by the widths its specification gives them.
            "byte" => scalar.IsIntegerIn(sbyte.MinValue, (ulong)sbyte.MaxValue),
            "short" => scalar.IsIntegerIn(short.MinValue, (ulong)short.MaxValue),
            "unsignedByte" => scalar.IsIntegerIn(0, byte.MaxValue),
            "unsignedShort" => scalar.IsIntegerIn(0, ushort.MaxValue),
            "unsignedInteger" => scalar.IsIntegerIn(0, uint.MaxValue),
            "unsignedLong" => scalar.IsIntegerIn(0, ulong.MaxValue),
            "decimal" => scalar.IsFiniteDouble(double.MaxValue),
            "string" or "date" or "dateTime" or "time" or "duration" or "uuid" or "bytes" => scalar.Kind == JsonValueKind.String,
            _ => false,
        };
        if (!ok)
        {
            problems?.Add($"{path} = {scalar.ToJsonString()} is not a valid {schema}.");
            return false;
        }
        return schema switch
        {
            "string" => CheckString(scalar, path, problems),
            "date" => Formatted(scalar, static t => TemporalFormats.IsDate(t), path, "an RFC 3339 full-date (yyyy-MM-dd)", problems),
            "dateTime" => Formatted(scalar, static t => TemporalFormats.TryParseDateTime(t, out _), path,
                "an RFC 3339 date-time (yyyy-MM-ddTHH:mm:ss, up to 7 fractional digits, Z or an offset)", problems),
            "time" => Formatted(scalar, static t => TemporalFormats.IsTime(t), path,
                "an RFC 3339 full-time (HH:mm:ss, up to 7 fractional digits, Z or an offset)", problems),
            "duration" => Formatted(scalar, static t => TemporalFormats.IsDuration(t), path, "an ISO 8601 duration (PnYnMnDTnHnMnS)", problems),
            "uuid" => Formatted(scalar, static t => Guid.TryParseExact(t, "D", out _), path, "a UUID (8-4-4-4-12 hexadecimal digits)", problems),
            "bytes" => Formatted(scalar, static t => IsBase64(t), path, "base64-encoded bytes", problems),
            _ => true,
        };
    }

    private static bool IsBase64(ReadOnlySpan<char> text)
    {
        var sink = text.Length <= 1024 ? stackalloc byte[text.Length] : new byte[text.Length];
        return Convert.TryFromBase64Chars(text, sink, out _);
    }

    private static bool CheckString(JsonScalar scalar, string path, List<string>? problems)
    {
        if (!scalar.TryGetUtf8Length(out var bytes))
        {
            problems?.Add($"{path} is not a valid Unicode string (a lone surrogate).");
            return false;
        }
        if (bytes > ValueLimits.MaxStringBytes)
        {
            problems?.Add($"{path} is {bytes} bytes of UTF-8; ADT takes at most {ValueLimits.MaxStringBytes} in a string value.");
            return false;
        }
        return true;
    }

    private static bool Formatted(JsonScalar scalar, Func<ReadOnlySpan<char>, bool> format, string path, string expected, List<string>? problems)
    {
        if (scalar.StringMatches(format))
        {
            return true;
        }
        problems?.Add($"{path} = {scalar.ToJsonString()} is not {expected}.");
        return false;
    }

    private static bool CheckEnum(JsonNode value, EnumSchema schema, string path, List<string>? problems)
    {
        if (value is JsonValue json && JsonScalar.TryRead(json, out var scalar))
        {
            var integer = schema.ValueSchema == "integer";
            if (integer ? scalar.IsInt32 : scalar.Kind == JsonValueKind.String)
            {
                scalar.TryGetInt32(out var number);
                // By index: a foreach over the IReadOnlyList would allocate its enumerator on every write.
                for (var i = 0; i < schema.Values.Count; i++)
                {
                    var candidate = schema.Values[i];
                    if (integer ? candidate.IntegerValue == number : candidate.StringValue is { } text && scalar.IsString(text))
                    {
                        return true;
                    }
                }
            }
        }
        if (problems is not null)
        {
            var allowed = string.Join(", ", schema.Values.Select(v => v.StringValue is { } s ? $"\"{s}\"" : $"{v.IntegerValue}"));
            problems.Add($"{path} = {Abbreviate(value)} is not one of the enum values {allowed} (an {schema.ValueSchema}).");
        }
        return false;
    }

    private static bool CheckObject(JsonNode value, ObjectSchema schema, string path, List<string>? problems)
    {
        if (value is not JsonObject fields)
        {
            problems?.Add($"{path} = {Abbreviate(value)} is not an object.");
            return false;
        }
        var valid = true;
        for (var i = 0; i < fields.Count && (valid || problems is not null); i++)
        {
            var (name, fieldValue) = fields.GetAt(i);
            var field = FieldNamed(schema, name);
            if (field is null)
            {
                problems?.Add($"{path}/{name} is not a field of the object's schema ({string.Join(", ", schema.Fields.Select(f => f.Name))}).");
                valid = false;
            }
            else if (!Walk(fieldValue, field.Schema, problems is null ? "" : $"{path}/{name}", problems))
            {
                valid = false;
            }
        }
        return valid;
    }

    private static SchemaField? FieldNamed(ObjectSchema schema, string name)
    {
        var fields = schema.Fields;
        for (var i = 0; i < fields.Count; i++)
        {
            if (string.Equals(fields[i].Name, name, StringComparison.Ordinal))
            {
                return fields[i];
            }
        }
        return null;
    }

    private static bool CheckMap(JsonNode value, MapSchema schema, string path, List<string>? problems)
    {
        if (value is not JsonObject entries)
        {
            problems?.Add($"{path} = {Abbreviate(value)} is not a map (a JSON object).");
            return false;
        }
        var valid = true;
        for (var i = 0; i < entries.Count && (valid || problems is not null); i++)
        {
            var (key, entry) = entries.GetAt(i);
            // Three bytes a UTF-16 unit at most: a short key needs no counting.
            if (key.Length == 0 || (key.Length * 3 > ValueLimits.MaxPropertyNameBytes && Encoding.UTF8.GetByteCount(key) > ValueLimits.MaxPropertyNameBytes))
            {
                problems?.Add($"{path} has a map key ({schema.KeyName}) of {Encoding.UTF8.GetByteCount(key)} bytes; a key is 1 to {ValueLimits.MaxPropertyNameBytes} bytes of UTF-8.");
                valid = false;
            }
            else if (!Walk(entry, schema.ValueSchema, problems is null ? "" : $"{path}/{Abbreviate(key)}", problems))
            {
                valid = false;
            }
        }
        return valid;
    }

    private static bool CheckArray(JsonNode value, ArraySchema schema, string path, List<string>? problems)
    {
        if (value is not JsonArray elements)
        {
            problems?.Add($"{path} = {Abbreviate(value)} is not an array.");
            return false;
        }
        var valid = true;
        for (var i = 0; i < elements.Count && (valid || problems is not null); i++)
        {
            if (!Walk(elements[i], schema.ElementSchema, problems is null ? "" : $"{path}/{i}", problems))
            {
                valid = false;
            }
        }
        return valid;
    }

    private static string Abbreviate(JsonNode value) => Abbreviate(value.ToJsonString());

    private static string Abbreviate(string text) => text.Length <= 64 ? text : text[..61] + "...";
}
