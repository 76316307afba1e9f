using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlateletTwins.SimulatorService.Lab.Configuration;

/// <summary>
/// A lab file may leave out a device's <c>role</c>: its type says how it works (a centrifuge batches, an agitator
/// stores). A <c>Separator</c> is the whole-blood press when whole blood reaches it, and the platelet press (a station)
/// when pools do.
/// </summary>
public static class DeviceRoles
{
    /// <summary>The role of a device type, or null for a <c>Separator</c>, whose role its place in the flow decides.</summary>
    public static DeviceRole? Of(string type) => type switch
    {
        "Centrifuge" or "Illuminator" => DeviceRole.Batch,
        "SterileConnector" => DeviceRole.SterileConnector,
        "PoolingStation" or "TubeSealer" or "LabelStation" => DeviceRole.Station,
        "Agitator" => DeviceRole.Storage,
        _ => null,
    };

    /// <summary>Writes the role of every device of <paramref name="lab"/> (a lab file's JSON) that has none and whose type decides it.</summary>
    public static void Fill(JsonObject lab)
    {
        if (lab["devices"] is not JsonArray list)
        {
            return;
        }
        var devices = list.OfType<JsonObject>().Where(d => d["role"] is null && Text(d, "type") is not null).ToList();
        foreach (var device in devices)
        {
            if (Of(Text(device, "type")!) is { } role)
            {
                device["role"] = Name(role);
            }
        }
        var separators = devices.Where(d => d["role"] is null && Text(d, "type") == "Separator").ToHashSet();
        if (separators.Count == 0)
        {
            return;
        }
        // Whole blood spreads from the arrival buffers through every device that passes its items on unchanged.
        var wholeBlood = (lab["deliveries"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(d => Text(d, "buffer") ?? Text(lab, "arrivalBuffer") ?? LabConfig.DefaultArrivalBuffer)
            .ToHashSet(StringComparer.Ordinal);
        var all = list.OfType<JsonObject>().ToList();
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var device in all)
            {
                var fed = Text(device, "input") is { } input ? wholeBlood.Contains(input) : all.Any(d => Text(d, "output") == Text(device, "id") && wholeBlood.Contains(Text(d, "id") ?? ""));
                if (!fed)
                {
                    continue;
                }
                if (separators.Remove(device))
                {
                    device["role"] = Name(DeviceRole.Separator);
                    changed = true;
                }
                else if (Text(device, "role") is "batch" or "station" or "storage" && wholeBlood.Add(Text(device, "output") ?? "") | wholeBlood.Add(Text(device, "id") ?? ""))
                {
                    changed = true;
                }
            }
        }
        foreach (var press in separators)
        {
            press["role"] = Name(DeviceRole.Station);
        }
    }

    private static string? Text(JsonObject element, string field) =>
        element[field] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static string Name(DeviceRole role) => JsonNamingPolicy.CamelCase.ConvertName(role.ToString());
}
