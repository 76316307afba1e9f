using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace PlateletTwins.SimulatorService.Lab.Configuration;

/// <summary>
/// Lab files in JSON (docs/lab-file.md). A file describes the whole lab: its devices, buffers and deliveries, and the
/// rules that differ from the guidelines' defaults. A file with <c>"basedOn": "reference"</c> adjusts the reference lab
/// instead: top-level settings replace the reference's; <c>devices</c> and <c>buffers</c> merge by <c>id</c> (a listed
/// field replaces the reference's, a new id adds one). Either way the lab is validated before it runs, and every problem
/// found is reported, naming its element.
/// </summary>
internal static partial class LabFile
{
    /// <summary>The value of <c>basedOn</c> that adjusts the reference lab.</summary>
    public const string Reference = "reference";

    /// <summary>How a lab file names its JSON Schema, written beside it.</summary>
    public const string SchemaFileName = "lab.schema.json";

    /// <summary>The JSON of lab files, reports and layouts as written.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    // Reading is strict: a misspelt field, a number for a role, a string for a number or a missing value is an error,
    // not a silent default (the web defaults would read "12" as 12, which the schema refuses).
    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNameCaseInsensitive = false,
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    // A field given twice is an error, not the last one winning (and JsonObject's own ArgumentException).
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, AllowDuplicateProperties = false };

    private static readonly string[] Lists = ["devices", "buffers", "deliveries", "aboShares"];

    private static readonly string[] StandAloneFields = ["id", "devices", "buffers", "deliveries"];

    /// <summary>The complete file of a lab, naming its schema so that an editor checks it as it is typed.</summary>
    public static string Write(LabConfig lab)
    {
        var file = new JsonObject { ["$schema"] = SchemaFileName };
        foreach (var (key, value) in JsonSerializer.SerializeToNode(lab, Options)!.AsObject())
        {
            file[key] = value?.DeepClone();
        }
        // Lists of numbers on one line, as a person writes them: "tri": [24, 27, 35].
        return NumberList().Replace(file.ToJsonString(Options), m => $"[{string.Join(", ", m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries))}]");
    }

    /// <summary>Reads and validates a lab file; <see cref="LabFileException"/> lists what is wrong with it.</summary>
    public static LabConfig Load(string path) => Parse(File.ReadAllText(path), path);

    public static LabConfig Parse(string json, string source = "The lab file")
    {
        JsonObject file;
        try
        {
            file = JsonNode.Parse(json, documentOptions: DocumentOptions) as JsonObject
                ?? throw new LabFileException(source, ["a lab file is a JSON object: { \"id\": ..., \"devices\": [...], ... }"]);
        }
        catch (JsonException problem)
        {
            throw new LabFileException(source, [DuplicateFields.Find(json, DocumentOptions) is { } duplicate
                ? $"{Where(duplicate, (list, index) => DuplicateFields.IdOf(json, list, index, DocumentOptions))} is given twice; each field is given once"
                : $"not valid JSON: {problem.Message}"]);
        }
        file.Remove("$schema");
        var named = file.ContainsKey("name") || file.ContainsKey("basedOn");
        var standAlone = !file.ContainsKey("basedOn");
        RefuseTooLong(file, source);
        var whole = Whole(file, source);
        RefuseTooLong(whole, source);
        DeviceRoles.Fill(whole);
        var notObjects = Lists
            .SelectMany(list => (whole[list] as JsonArray ?? new JsonArray()).Select((e, i) => (list, e, i)))
            .Where(x => x.e is not JsonObject)
            .Select(x => $"{x.list}[{x.i}]: an object expected")
            .ToList();
        if (notObjects.Count > 0)
        {
            throw new LabFileException(source, notObjects);
        }
        LabConfig lab;
        try
        {
            lab = whole.Deserialize<LabConfig>(ReadOptions)!;
        }
        catch (JsonException problem)
        {
            throw new LabFileException(source, [Describe(problem, whole)]);
        }
        if (!named)
        {
            // A whole lab without a name is called by its id, not by the reference lab's name.
            lab = lab with { Name = lab.Id };
        }
        if (standAlone)
        {
            // Files written by an earlier --write-lab give every device a batchSize, 0 where it does not batch: no batch rule.
            lab = lab with { Devices = [.. lab.Devices.Select(d => d is { Role: not DeviceRole.Batch, BatchSize: 0 } ? d with { BatchSize = null } : d)] };
        }
        var errors = LabValidator.Validate(lab);
        return errors.Count == 0 ? lab : throw new LabFileException(source, errors);
    }

    /// <summary>Lists beyond <see cref="LabLimits"/> are refused before anything takes time in proportion to them.</summary>
    private static void RefuseTooLong(JsonObject lab, string source)
    {
        int Count(string list) => lab[list] is JsonArray array ? array.Count : 0;
        var errors = LabValidator.TooLong(Count("devices"), Count("buffers"), Count("deliveries"), Count("aboShares"));
        if (errors.Count > 0)
        {
            throw new LabFileException(source, errors);
        }
    }

    /// <summary>The file as a whole lab: itself, or the reference lab with its changes when it is based on it.</summary>
    private static JsonObject Whole(JsonObject file, string source)
    {
        if (!file.TryGetPropertyValue("basedOn", out var basedOn))
        {
            var missing = StandAloneFields.Where(f => !file.ContainsKey(f)).ToList();
            if (missing.Count > 0)
            {
                throw new LabFileException(source, [
                    $"{string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} missing: a lab file describes the whole lab (id, devices, buffers, deliveries), or adjusts the reference lab with \"basedOn\": \"{Reference}\""]);
            }
            return file;
        }
        if (basedOn?.GetValueKind() != JsonValueKind.String || basedOn.GetValue<string>() != Reference)
        {
            throw new LabFileException(source, [$"basedOn {basedOn?.ToJsonString() ?? "null"}: a lab file is based on \"{Reference}\" (the reference lab) or on nothing"]);
        }
        file.Remove("basedOn");
        var lab = JsonSerializer.SerializeToNode(ReferenceLab.Create(), Options)!.AsObject();
        foreach (var (key, value) in file)
        {
            lab[key] = key is "devices" or "buffers" && lab[key] is JsonArray existing && value is JsonArray changes
                ? MergeById(key, existing, changes, source)
                : value?.DeepClone();
        }
        return lab;
    }

    private static JsonArray MergeById(string list, JsonArray defaults, JsonArray changes, string source)
    {
        var merged = new JsonArray([.. defaults.Select(d => d?.DeepClone())]);
        for (var i = 0; i < changes.Count; i++)
        {
            if (changes[i] is not JsonObject change || change["id"] is not JsonValue idValue || idValue.GetValueKind() != JsonValueKind.String)
            {
                throw new LabFileException(source, [$"{list}[{i}]: a change to the reference lab is an object with the id of the element it changes or adds"]);
            }
            var id = idValue.GetValue<string>();
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

    /// <summary>A reading error in the file's words: the element by its id, the field, and what was expected.</summary>
    private static string Describe(JsonException problem, JsonObject lab)
    {
        var where = Where(problem.Path, (list, index) => (lab[list] as JsonArray)?.ElementAtOrDefault(index)?["id"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null);
        var message = problem.Message;
        if (UnmappedProperty().Match(message) is { Success: true } unmapped)
        {
            // The path ends with the unknown field itself; the message names it.
            var field = unmapped.Groups[1].Value;
            where = where == field ? "the lab"
                : where.EndsWith($": {field}", StringComparison.Ordinal) ? where[..^(field.Length + 2)]
                : where.EndsWith($".{field}", StringComparison.Ordinal) ? where[..^(field.Length + 1)]
                : where;
            return $"{where}: unknown field '{unmapped.Groups[1].Value}' (docs/lab-file.md lists every field)";
        }
        if (MissingProperties().Match(message) is { Success: true } missing)
        {
            return $"{where}: {missing.Groups[1].Value.Trim()} missing";
        }
        if (NotConvertible().Match(message) is { Success: true } conversion)
        {
            return $"{where}: {Expected(conversion.Groups[1].Value, problem.Path)} expected";
        }
        if (NullNotAllowed().Match(message) is { Success: true })
        {
            return $"{where}: cannot be null";
        }
        return $"{where}: {message}";
    }

    /// <summary><c>$.devices[3].capacity</c> as <c>device 'separator-01': capacity</c>, the id given by <paramref name="idOf"/>(list, index).</summary>
    private static string Where(string? path, Func<string, int, string?> idOf)
    {
        if (path is null or "$")
        {
            return "the lab";
        }
        var element = ElementPath().Match(path);
        if (element.Success)
        {
            var list = element.Groups[1].Value;
            var index = int.Parse(element.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            var id = idOf(list, index);
            var kind = list == "devices" ? "device" : "buffer";
            var named = id is null ? $"{list}[{index}]" : $"{kind} '{id}'";
            var field = element.Groups[3].Value.TrimStart('.');
            return field.Length == 0 ? named : $"{named}: {field}";
        }
        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
    }

    private static string Expected(string type, string? path) => type switch
    {
        // A record's constructor parameter is reported with the record's type: its field's name says what it takes.
        _ when type.EndsWith(nameof(DeliveryConfig), StringComparison.Ordinal) || type.EndsWith(nameof(BufferConfig), StringComparison.Ordinal)
            || type.EndsWith(nameof(AboShare), StringComparison.Ordinal) => path?.Split('.')[^1] switch
            {
                "count" or "capacity" => "a whole number",
                "id" or "buffer" or "group" => "a string",
                "order" => $"an order (one of {EnumNames<BufferOrder>()})",
                _ => "a number",
            },
        _ when type.EndsWith(nameof(DeviceRole), StringComparison.Ordinal) => $"a role (one of {EnumNames<DeviceRole>()})",
        _ when type.EndsWith(nameof(FailurePolicy), StringComparison.Ordinal) => $"an onFailure (one of {EnumNames<FailurePolicy>()})",
        _ when type.EndsWith(nameof(BufferOrder), StringComparison.Ordinal) => $"an order (one of {EnumNames<BufferOrder>()})",
        _ when type.EndsWith(nameof(DistributionConfig), StringComparison.Ordinal) => "a distribution ({\"tri\": [min, mode, max]}, {\"lognormal\": [mean, sd]}, {\"exp\": mean} or {\"uniform\": [min, max]})",
        "System.Int32" or "System.Nullable`1[System.Int32]" => "a whole number",
        "System.Double" or "System.Nullable`1[System.Double]" => "a number",
        "System.String" => "a string",
        "System.Double[]" => "a list of numbers",
        _ when type.Contains("IReadOnlyList", StringComparison.Ordinal) => "a list",
        _ => $"a value of another kind ({type.Split('.')[^1]})",
    };

    private static string EnumNames<T>()
        where T : struct, Enum => string.Join(", ", Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName));

    [GeneratedRegex(@"^The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex(@"missing required properties including: (.*?)\.?$")]
    private static partial Regex MissingProperties();

    [GeneratedRegex(@"could not be converted to ([^ ]+?)\.? Path:")]
    private static partial Regex NotConvertible();

    [GeneratedRegex(@"property or field '[^']*' .*null", RegexOptions.IgnoreCase)]
    private static partial Regex NullNotAllowed();

    [GeneratedRegex(@"\[\s*(-?[0-9][-+0-9.eE]*(?:\s*,\s*-?[0-9][-+0-9.eE]*)*)\s*\]")]
    private static partial Regex NumberList();

    [GeneratedRegex(@"^\$\.(devices|buffers)\[(\d+)\](.*)$")]
    private static partial Regex ElementPath();
}
