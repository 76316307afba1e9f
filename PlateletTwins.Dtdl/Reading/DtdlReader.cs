using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;


namespace PlateletTwins.Dtdl;

/// <summary>
/// Reads one DTDL Interface document into a <see cref="DtdlInterface"/>, collecting every problem it finds
/// in the style of Microsoft's DTDL parser. Cross-model rules (bases exist, no cycles) are the
/// <see cref="ModelSetValidator"/>'s.
/// </summary>
internal sealed partial class DtdlReader
{
    private const string ContextV2 = "dtmi:dtdl:context;2";
    private const string ContextV3 = "dtmi:dtdl:context;3";
    private const int MaxNestingDepth = 5;

    [GeneratedRegex("^[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?$")]
    private static partial Regex NamePattern();

    private readonly List<string> _problems;
    private readonly Dictionary<string, JsonObject> _namedSchemas = new(StringComparer.Ordinal);
    private string _id = "";
    private List<string> _extensions = [];
    private int _version = 3;

    private DtdlReader(List<string> problems) => _problems = problems;

    /// <summary>Reads <paramref name="node"/>; returns null and adds to <paramref name="problems"/> when it is not a usable Interface.</summary>
    public static DtdlInterface? Read(JsonNode? node, List<string> problems) => new DtdlReader(problems).ReadInterface(node);

    private DtdlInterface? ReadInterface(JsonNode? node)
    {
        if (node is not JsonObject model)
        {
            _problems.Add("A model must be a JSON object.");
            return null;
        }
        _version = ReadContext(model);
        var id = model["@id"] is JsonValue idValue && idValue.TryGetValue<string>(out var s) ? s : null;
        if (id is null)
        {
            _problems.Add("Top-level element requires an identifer but none provided.");
            return null;
        }
        _id = id;
        if (!Dtmi.IsValid(id, _version))
        {
            _problems.Add($"{id} is not a valid DTMI for DTDL v{_version}.");
            return null;
        }
        if (Dtmi.IsReserved(id))
        {
            _problems.Add($"{id} uses a reserved DTMI prefix (dtmi:dtdl: or dtmi:standard:).");
        }
        if (id.Length > Dtmi.MaxInterfaceIdLength)
        {
            _problems.Add($"{id} is longer than {Dtmi.MaxInterfaceIdLength} characters, the limit for an Interface identifier.");
        }
        if (TypeNames(model["@type"]).FirstOrDefault() != "Interface")
        {
            _problems.Add($"{id} has '@type' that is not 'Interface'; every top-level element must be an Interface.");
        }

        if (model["schemas"] is JsonArray schemas)
        {
            foreach (var schema in schemas.OfType<JsonObject>())
            {
                if (schema["@id"].StringOrNull() is { } schemaId)
                {
                    _namedSchemas[schemaId] = schema;
                }
            }
        }

        var extends = ReadExtends(model["extends"]);
        var contents = new List<DtdlContent>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (model["contents"] is JsonArray array)
        {
            foreach (var element in array)
            {
                if (ReadContent(element) is { } content)
                {
                    if (!names.Add(content.Name))
                    {
                        _problems.Add($"{id} has 'contents' with more than one element named '{content.Name}'; names must be unique.");
                    }
                    contents.Add(content);
                }
            }
        }
        else if (model["contents"] is not null)
        {
            _problems.Add($"{id} has 'contents' that is not an array.");
        }

        return new DtdlInterface(id, _version, extends, contents,
            LanguageMap(model["displayName"]), LanguageMap(model["description"]), model);
    }

    private int ReadContext(JsonObject model)
    {
        _extensions = [];
        var contexts = model["@context"] switch
        {
            JsonValue v when v.TryGetValue<string>(out var c) => [c],
            JsonArray a => a.Select(x => x.StringOrNull() ?? x?.ToJsonString() ?? "null").ToList(),
            _ => new List<string>(),
        };
        if (contexts.Count == 0)
        {
            _problems.Add("The model has no '@context'; it must be dtmi:dtdl:context;2 or dtmi:dtdl:context;3.");
            return 3;
        }
        switch (contexts[0])
        {
            case ContextV2 when contexts.Count == 1:
                return 2;
            case ContextV2:
                _problems.Add("DTDL v2 does not support extension contexts.");
                return 2;
            case ContextV3:
                foreach (var extension in contexts.Skip(1).Where(c => !c.StartsWith("dtmi:dtdl:extension:", StringComparison.Ordinal)))
                {
                    _problems.Add($"'@context' value {extension} is not a DTDL extension context.");
                }
                _extensions = contexts.Skip(1).ToList();
                return 3;
            default:
                _problems.Add($"'@context' value {contexts[0]} is not a supported DTDL context (dtmi:dtdl:context;2 or dtmi:dtdl:context;3).");
                return 3;
        }
    }

    private List<string> ReadExtends(JsonNode? node)
    {
        var values = node switch
        {
            null => [],
            JsonValue v when v.TryGetValue<string>(out var s) => [s],
            JsonArray a => a.Select(x => x is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).ToList(),
            _ => new List<string?> { null },
        };
        var result = new List<string>();
        foreach (var value in values)
        {
            if (value is null || !Dtmi.IsValid(value))
            {
                _problems.Add($"{_id} has 'extends' value that is not a DTMI of an Interface; inline Interfaces are not supported by Azure Digital Twins.");
            }
            else
            {
                result.Add(value);
            }
        }
        if (_version == 2 && result.Count > 2)
        {
            _problems.Add($"{_id} has more than 2 values of 'extends', the DTDL v2 limit.");
        }
        return result;
    }

    private DtdlContent? ReadContent(JsonNode? node)
    {
        if (node is not JsonObject element)
        {
            _problems.Add($"{_id} has a 'contents' value that is not an object.");
            return null;
        }
        var name = element["name"] is JsonValue nv && nv.TryGetValue<string>(out var n) ? n : null;
        if (name is null || !IsValidName(name))
        {
            _problems.Add($"{_id} has 'contents' value with name '{name}' that is not a valid name (letters, digits and underscores, starting with a letter, at most {MaxNameLength} characters).");
            return null;
        }
        var kindName = TypeNames(element["@type"]).FirstOrDefault(t => Enum.TryParse<ContentKind>(t, out _));
        if (kindName is null)
        {
            _problems.Add($"{_id} has 'contents' value with name '{name}' whose '@type' is not Property, Telemetry, Relationship, Component or Command.");
            return null;
        }
        var kind = Enum.Parse<ContentKind>(kindName);
        // In v3 a co-type (a semantic type such as Temperature, or Historized) comes from an extension context;
        // in v2 the semantic types are part of the language.
        if (_version == 3 && _extensions.Count == 0 && TypeNames(element["@type"]).Any(t => t != kindName))
        {
            _problems.Add($"{_id} has 'contents' value with name '{name}' whose '@type' has a co-type that no extension context in '@context' defines.");
            return null;
        }
        switch (kind)
        {
            case ContentKind.Command:
                _problems.Add($"{_id} has 'contents' value with name '{name}' of type Command; Azure Digital Twins does not support Commands.");
                return null;
            case ContentKind.Property or ContentKind.Telemetry:
                var schema = ReadSchema(element["schema"], $"'contents' value with name '{name}'", 0);
                if (schema is ArraySchema && kind == ContentKind.Property && _version == 2)
                {
                    _problems.Add($"{_id} has 'contents' value with name '{name}' whose schema is an Array; DTDL v2 does not allow Array schemas on Properties.");
                }
                return schema is null ? null : new DtdlContent(name, kind) { Schema = schema };
            case ContentKind.Component:
                var componentSchema = element["schema"] is JsonValue cv && cv.TryGetValue<string>(out var c) ? c : null;
                if (componentSchema is null || !Dtmi.IsValid(componentSchema))
                {
                    _problems.Add($"{_id} has 'contents' value with name '{name}' whose property 'schema' has value '{element["schema"]?.ToJsonString()}' that is not a DTMI or a DTDL term.");
                    return null;
                }
                return new DtdlContent(name, kind) { ComponentInterface = componentSchema };
            default:
                var target = element["target"] is JsonValue tv && tv.TryGetValue<string>(out var t) ? t : null;
                if (target is not null && !Dtmi.IsValid(target))
                {
                    _problems.Add($"{_id} has 'contents' value with name '{name}' whose property 'target' has value '{target}' that is not a DTMI.");
                }
                var properties = new List<DtdlContent>();
                if (element["properties"] is JsonArray props)
                {
                    foreach (var prop in props.OfType<JsonObject>())
                    {
                        var propName = prop["name"].StringOrNull();
                        if (propName is null || !IsValidName(propName))
                        {
                            _problems.Add($"{_id} has relationship '{name}' with a property whose name is not valid.");
                            continue;
                        }
                        if (ReadSchema(prop["schema"], $"relationship '{name}' property '{propName}'", 0) is { } propSchema)
                        {
                            properties.Add(new DtdlContent(propName, ContentKind.Property) { Schema = propSchema });
                        }
                    }
                }
                return new DtdlContent(name, kind) { RelationshipTarget = target, RelationshipProperties = properties };
        }
    }

    private DtdlSchema? ReadSchema(JsonNode? node, string where, int depth)
    {
        if (depth > MaxNestingDepth)
        {
            _problems.Add($"{_id} has {where} whose schema nests complex schemas more than {MaxNestingDepth} levels deep.");
            return null;
        }
        switch (node)
        {
            case JsonValue value when value.TryGetValue<string>(out var term):
                if (PrimitiveSchema.Names.Contains(term))
                {
                    return new PrimitiveSchema(term);
                }
                if (_namedSchemas.TryGetValue(term, out var named))
                {
                    return ReadSchema(named, where, depth + 1);
                }
                _problems.Add($"{_id} has {where} whose property 'schema' has value '{term}' that is not a DTMI or a DTDL term.");
                return null;
            case JsonObject complex:
                return ReadComplexSchema(complex, where, depth);
            default:
                _problems.Add($"{_id} has {where} with no valid 'schema'.");
                return null;
        }
    }

    private DtdlSchema? ReadComplexSchema(JsonObject complex, string where, int depth)
    {
        switch (TypeNames(complex["@type"]).FirstOrDefault())
        {
            case "Enum":
                var valueSchema = complex["valueSchema"].StringOrNull();
                if (valueSchema is not ("integer" or "string"))
                {
                    _problems.Add($"{_id} has {where} with an Enum whose 'valueSchema' is not 'integer' or 'string'.");
                    return null;
                }
                var values = new List<EnumValue>();
                foreach (var ev in complex["enumValues"] as JsonArray ?? [])
                {
                    var evName = ev.Member("name").StringOrNull();
                    var evValue = ev.Member("enumValue") as JsonValue;
                    if (evName is null || !IsValidName(evName) || evValue is null)
                    {
                        _problems.Add($"{_id} has {where} with an enum value that lacks a valid 'name' or 'enumValue'.");
                        continue;
                    }
                    if (valueSchema == "string" && evValue.TryGetValue<string>(out var sv))
                    {
                        values.Add(new EnumValue(evName, sv, null));
                    }
                    else if (valueSchema == "integer" && evValue.GetValueKind() == JsonValueKind.Number && evValue.TryGetValue<long>(out var iv))
                    {
                        values.Add(new EnumValue(evName, null, iv));
                    }
                    else
                    {
                        _problems.Add($"{_id} has {where} with enum value '{evName}' whose 'enumValue' does not match valueSchema '{valueSchema}'.");
                    }
                }
                return new EnumSchema(valueSchema, values);
            case "Object":
                var fields = new List<SchemaField>();
                var fieldNames = new HashSet<string>(StringComparer.Ordinal);
                foreach (var f in complex["fields"] as JsonArray ?? [])
                {
                    var fieldName = f.Member("name").StringOrNull();
                    if (fieldName is null || !IsValidName(fieldName) || !fieldNames.Add(fieldName))
                    {
                        _problems.Add($"{_id} has {where} with an Object field whose name is missing, invalid or repeated.");
                        continue;
                    }
                    if (ReadSchema(f.Member("schema"), $"{where} field '{fieldName}'", depth + 1) is { } fs)
                    {
                        fields.Add(new SchemaField(fieldName, fs));
                    }
                }
                return new ObjectSchema(fields);
            case "Map":
                var key = complex["mapKey"];
                var mapValue = complex["mapValue"];
                var keyName = key.Member("name").StringOrNull();
                var valueName = mapValue.Member("name").StringOrNull();
                if (keyName is null || valueName is null || key.Member("schema").StringOrNull() != "string")
                {
                    _problems.Add($"{_id} has {where} with a Map whose 'mapKey' or 'mapValue' is missing or whose key schema is not 'string'.");
                    return null;
                }
                return ReadSchema(mapValue.Member("schema"), $"{where} map value", depth + 1) is { } vs
                    ? new MapSchema(keyName, valueName, vs)
                    : null;
            case "Array":
                return ReadSchema(complex["elementSchema"], $"{where} array element", depth + 1) is { } es
                    ? new ArraySchema(es)
                    : null;
            default:
                _problems.Add($"{_id} has {where} with a complex schema whose '@type' is not Enum, Object, Map or Array.");
                return null;
        }
    }

    private int MaxNameLength => _version == 2 ? 64 : 512;

    private bool IsValidName(string name) => name.Length <= MaxNameLength && NamePattern().IsMatch(name);

    private static IEnumerable<string> TypeNames(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        JsonArray a => a.OfType<JsonValue>().Select(x => x.TryGetValue<string>(out var s) ? s : "").Where(s => s.Length > 0),
        _ => [],
    };

    // ADT returns displayName and description as language maps; a plain string is English.
    private static JsonObject LanguageMap(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => new JsonObject { ["en"] = s },
        JsonObject o => (JsonObject)o.DeepClone(),
        _ => [],
    };
}
