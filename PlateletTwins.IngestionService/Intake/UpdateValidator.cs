using System.Text.Json;
using System.Text.Json.Nodes;
using PlateletTwins.IngestionService.Provisioning;
using PlateletTwins.IngestionService.Runs;

namespace PlateletTwins.IngestionService.Intake;

/// <summary>
/// Checks one update of a batch against the twin's model in <c>dtdl/</c> and the lab's rules; a problem rejects that
/// item only. ADT itself would refuse the first two kinds; the ranges are the lab's own sense (counts and minutes are
/// never negative, a device never holds more than its capacity, utilisation is a fraction).
/// </summary>
public sealed class UpdateValidator(ModelCatalog catalog, RunRegistry runs)
{
    public sealed record Problem(string Code, string Message);

    private static readonly HashSet<string> NonNegative = new(StringComparer.Ordinal)
    {
        "inUse", "queueLength", "idleMinutes", "processingMinutes", "blockedMinutes", "failedMinutes", "totalProcessed", "failures",
    };

    public Problem? Validate(TwinUpdate? update)
    {
        if (update is null || string.IsNullOrWhiteSpace(update.TwinId))
        {
            return new Problem("MissingTwinId", "An update needs a twinId.");
        }
        var device = runs.Device(update.TwinId);
        var modelId = device is not null ? catalog.DeviceModelFor(device.Type)
            : runs.Run(update.TwinId) is not null ? ModelCatalog.SimulationModelId
            : null;
        if (modelId is null)
        {
            return new Problem("UnknownTwin", $"Twin '{update.TwinId}' is neither a device nor the twin of a started run.");
        }
        if (update.Properties is not { Count: > 0 })
        {
            return new Problem("NoProperties", "An update needs at least one property.");
        }
        var declared = catalog.PropertiesOf(modelId);
        foreach (var (name, value) in update.Properties)
        {
            if (!declared.TryGetValue(name, out var schema))
            {
                return new Problem("UndeclaredProperty", $"'{name}' is not a property of {modelId}.");
            }
            if (value is null || !Conforms(value, schema))
            {
                return new Problem("WrongType", $"'{name}' = {value?.ToJsonString() ?? "null"} does not match its schema {schema.ToJsonString()}.");
            }
            if (device is not null && OutOfRange(name, value, device.Capacity) is { } range)
            {
                return new Problem("OutOfRange", range);
            }
        }
        return null;
    }

    public Problem? Validate(DiscreteEvent? discreteEvent)
    {
        if (discreteEvent is null || string.IsNullOrWhiteSpace(discreteEvent.EventId) || string.IsNullOrWhiteSpace(discreteEvent.Type))
        {
            return new Problem("MalformedEvent", "An event needs an eventId and a type.");
        }
        return runs.Device(discreteEvent.TwinId) is null && runs.Run(discreteEvent.TwinId) is null
            ? new Problem("UnknownTwin", $"Twin '{discreteEvent.TwinId}' is neither a device nor the twin of a started run.")
            : null;
    }

    private static string? OutOfRange(string name, JsonNode value, int capacity)
    {
        if (value.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }
        var number = value.GetValue<double>();
        return name switch
        {
            _ when NonNegative.Contains(name) && number < 0 => $"'{name}' = {number} is negative.",
            "inUse" when number > capacity => $"'inUse' = {number} is more than the device's capacity {capacity}.",
            "utilization" when number is < 0 or > 1 => $"'utilization' = {number} is not between 0 and 1.",
            _ => null,
        };
    }

    private static bool Conforms(JsonNode value, JsonNode schema) => schema switch
    {
        JsonValue primitive => primitive.GetValue<string>() switch
        {
            "integer" => value.GetValueKind() == JsonValueKind.Number && value.AsValue().TryGetValue<int>(out _),
            "long" => value.GetValueKind() == JsonValueKind.Number && value.AsValue().TryGetValue<long>(out _),
            "double" or "float" => value.GetValueKind() == JsonValueKind.Number,
            "boolean" => value.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
            "string" or "dateTime" or "date" or "time" or "duration" => value.GetValueKind() == JsonValueKind.String,
            _ => false,
        },
        JsonObject { } complex when complex["@type"]?.GetValue<string>() == "Enum" =>
            value.GetValueKind() == JsonValueKind.String
            && complex["enumValues"]!.AsArray().Any(e => e!["enumValue"]!.GetValueKind() == JsonValueKind.String && e["enumValue"]!.GetValue<string>() == value.GetValue<string>()),
        JsonObject { } complex when complex["@type"]?.GetValue<string>() == "Object" =>
            value is JsonObject fields && fields.All(f => complex["fields"]!.AsArray().FirstOrDefault(d => d!["name"]!.GetValue<string>() == f.Key) is { } field
                && f.Value is not null && Conforms(f.Value, field["schema"]!)),
        _ => false,
    };
}
