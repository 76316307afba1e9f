using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlateletTwins.SimulatorService.Lab.Configuration;

/// <summary>
/// A lab file may leave out a device's <c>role</c>: its type says how it works (a centrifuge batches, an agitator
/// stores). A <c>Separator</c> is the whole-blood press when whole blood reaches it, and the platelet press (a station)
/// when pools do.
/// </summary>
internal static class DeviceRoles
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
        // Whole blood spreads from the arrival buffers through every device that passes its items on unchanged: a
        // worklist of the names it reaches (buffers, and devices that hand over), each followed once.
        var all = list.OfType<JsonObject>().ToList();
        var byInput = all.Where(d => Text(d, "input") is not null).ToLookup(d => Text(d, "input")!, StringComparer.Ordinal);
        var byId = all.ToLookup(d => Text(d, "id") ?? "", StringComparer.Ordinal);
        var handedTo = all.Where(d => Text(d, "input") is null).ToLookup(d => Text(d, "id") ?? "", StringComparer.Ordinal);
        var wholeBlood = new HashSet<string>(StringComparer.Ordinal);
        var reached = new Queue<string>();
        void Reach(string name)
        {
            if (wholeBlood.Add(name))
            {
                reached.Enqueue(name);
            }
        }
        foreach (var delivery in (lab["deliveries"] as JsonArray ?? []).OfType<JsonObject>())
        {
            Reach(Text(delivery, "buffer") ?? Text(lab, "arrivalBuffer") ?? LabConfig.DefaultArrivalBuffer);
        }
        var fed = new HashSet<JsonObject>(ReferenceEqualityComparer.Instance);
        while (reached.TryDequeue(out var name))
        {
            // Fed: the devices taking from a buffer it reached, and those a device it reached hands over to.
            var reachedDevices = byInput[name].Concat(byId[name].SelectMany(d => handedTo[Text(d, "output") ?? ""]));
            foreach (var device in reachedDevices.Where(fed.Add).ToList())
            {
                if (separators.Remove(device))
                {
                    device["role"] = Name(DeviceRole.Separator);
                }
                else if (Text(device, "role") is "batch" or "station" or "storage")
                {
                    Reach(Text(device, "output") ?? "");
                    Reach(Text(device, "id") ?? "");
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
