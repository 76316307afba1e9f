using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.Dtdl.Values;
using PlateletTwins.IngestionService.Provisioning;
using PlateletTwins.IngestionService.Runs;

namespace PlateletTwins.IngestionService.Intake;

/// <summary>
/// Checks one item of a batch; a problem rejects that item only. An item passes only if ADT would take its write: each
/// value conforms to its property's schema in the twin's model (<see cref="ValueConformance"/>), the write fits ADT's
/// 32 KB request payload, an event id is a valid Message-Id. On top come the lab's own ranges: counts and minutes are
/// never negative, a device never holds more than its capacity, utilisation is a fraction.
/// </summary>
internal sealed class UpdateValidator(ModelCatalog catalog, RunRegistry runs)
{
    public sealed record Problem(string Code, string Message);

    /// <summary>ADT's limit on a request payload (reference-service-limits), which one update's JSON Patch must fit.</summary>
    public const int MaxPayloadBytes = 32 * 1024;

    // The JSON Patch text around each property: its add operation and its sourceTime's (see Twins/TwinPatchBuilder).
    private const int PatchBytesPerProperty = 120;

    private static readonly HashSet<string> NonNegative = new(StringComparer.Ordinal)
    {
        DeviceModel.InUse, DeviceModel.QueueLength, DeviceModel.IdleMinutes, DeviceModel.ProcessingMinutes, DeviceModel.BlockedMinutes,
        DeviceModel.FailedMinutes, DeviceModel.TotalProcessed, DeviceModel.Failures,
    };

    /// <param name="managedModel">The model of a twin whose lifecycle the run's changes manage (a pool), if it is one.</param>
    public Problem? Validate(TwinUpdate? update, Func<string, string?>? managedModel = null)
    {
        if (update is null || string.IsNullOrWhiteSpace(update.TwinId))
        {
            return new Problem("MissingTwinId", "An update needs a twinId.");
        }
        if (update.Sequence < 0)
        {
            return new Problem("InvalidSequence", $"sequence = {update.Sequence}; a sequence is 0 or more.");
        }
        var device = runs.Device(update.TwinId);
        var modelId = device is not null ? catalog.FindDeviceModel(device.Type)
            : runs.Run(update.TwinId) is not null ? SimulationModel.Id
            : managedModel?.Invoke(update.TwinId);
        if (modelId is null)
        {
            return new Problem("UnknownTwin", $"Twin '{update.TwinId}' is neither a device, the twin of a started run nor a twin created by the run.");
        }
        if (update.Properties is not { Count: > 0 })
        {
            return new Problem("NoProperties", "An update needs at least one property.");
        }
        return ValidateProperties(modelId, update.Properties, device);
    }

    /// <summary>Values a twin of <paramref name="modelId"/> is given (an update's, a new twin's): each of its model, conforming, within ADT's payload.</summary>
    public Problem? ValidateProperties(string modelId, JsonObject properties, DeviceLayout? device = null)
    {
        var declared = catalog.PropertiesOf(modelId);
        var patchBytes = 0;
        foreach (var (name, value) in properties)
        {
            if (!declared.TryGetValue(name, out var schema))
            {
                return new Problem("UndeclaredProperty", $"'{name}' is not a property of {modelId}.");
            }
            if (ValueConformance.FirstProblem(value, schema, name) is { } problem)
            {
                return new Problem("WrongType", problem);
            }
            if (device is not null && OutOfRange(name, value!, device.Capacity) is { } range)
            {
                return new Problem("OutOfRange", range);
            }
            patchBytes += PatchBytesPerProperty + 2 * Encoding.UTF8.GetByteCount(name) + JsonBytes(value!);
        }
        return patchBytes > MaxPayloadBytes
            ? new Problem("TooLarge", $"About {patchBytes} bytes as a JSON Patch; ADT takes at most {MaxPayloadBytes} in a request.")
            : null;
    }

    public Problem? Validate(DiscreteEvent? discreteEvent)
    {
        if (discreteEvent is null || string.IsNullOrWhiteSpace(discreteEvent.TwinId) || string.IsNullOrWhiteSpace(discreteEvent.Type))
        {
            return new Problem("MalformedEvent", "An event needs an eventId, a twinId and a type.");
        }
        if (!AdtIdentifiers.IsEventId(discreteEvent.EventId))
        {
            return new Problem("InvalidEventId",
                $"The eventId becomes ADT's Message-Id header: 1 to {AdtIdentifiers.MaxEventIdLength} visible ASCII characters, no spaces or control characters.");
        }
        if (runs.Device(discreteEvent.TwinId) is null && runs.Run(discreteEvent.TwinId) is null)
        {
            return new Problem("UnknownTwin", $"Twin '{discreteEvent.TwinId}' is neither a device nor the twin of a started run.");
        }
        var body = new JsonObject { [DeviceModel.Event] = new JsonObject { ["type"] = discreteEvent.Type, ["detail"] = discreteEvent.Detail } };
        var bytes = JsonBytes(body);
        return bytes > MaxPayloadBytes
            ? new Problem("TooLarge", $"{bytes} bytes as ADT telemetry; ADT takes at most {MaxPayloadBytes} in a request.")
            : null;
    }

    // As the writers send it: escaped by System.Text.Json's default encoder, so non-ASCII counts six bytes a UTF-16 unit.
    private static int JsonBytes(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => 32,
        JsonValueKind.String => EscapedBytes(value.GetValue<string>()),
        _ => Encoding.UTF8.GetByteCount(value.ToJsonString()),
    };

    // A string as the default encoder writes it, counted without writing it: printable ASCII as is, the rest \uXXXX at most.
    private static int EscapedBytes(string text)
    {
        var bytes = 2;
        foreach (var c in text)
        {
            bytes += c is >= ' ' and <= '~' ? 1 : 6;
        }
        return bytes;
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
            DeviceModel.InUse when number > capacity => $"'{name}' = {number} is more than the device's capacity {capacity}.",
            DeviceModel.Utilization when number is < 0 or > 1 => $"'{name}' = {number} is not between 0 and 1.",
            _ => null,
        };
    }
}
