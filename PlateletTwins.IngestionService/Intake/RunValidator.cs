using System.Globalization;
using System.Text;
using PlateletTwins.Dtdl;
using PlateletTwins.Dtdl.Values;
using PlateletTwins.IngestionService.Provisioning;

namespace PlateletTwins.IngestionService.Intake;

/// <summary>
/// Checks a whole run start before anything is provisioned, so that a refused run leaves nothing in ADT: every twin and
/// relationship provisioning would write must be one ADT takes. Keys are JSON paths into the request body.
/// </summary>
internal static class RunValidator
{
    /// <summary>ADT's limit on a twin's outgoing relationships (reference-service-limits): the lab <c>contains</c> each device.</summary>
    public const int MaxDevices = 50_000;

    public static Dictionary<string, string[]> Validate(RunStart run, ModelCatalog catalog)
    {
        var problems = new Problems();
        // Ids must differ in more than letter case: whether ADT compares twin ids with case is not documented.
        var twins = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        TwinId(run.RunId, "$.runId", problems, twins);
        Text(run.Speed, "$.speed", problems, required: true);
        Text(run.Profile, "$.profile", problems, required: false);
        if (run.Lab is not { } lab)
        {
            problems.Add("$.lab", "A run needs its lab.");
            return problems.ToDictionary();
        }
        TwinId(lab.Id, "$.lab.id", problems, twins);
        Text(lab.Name, "$.lab.name", problems, required: true);
        var devices = new HashSet<string>(StringComparer.Ordinal);
        if (lab.Devices is not { Count: > 0 })
        {
            problems.Add("$.lab.devices", "A lab needs at least one device.");
        }
        else if (lab.Devices.Count > MaxDevices)
        {
            problems.Add("$.lab.devices", $"{lab.Devices.Count} devices; ADT takes at most {MaxDevices} relationships from one twin (the lab's contains).");
        }
        else
        {
            for (var i = 0; i < lab.Devices.Count; i++)
            {
                Device(lab.Devices[i], $"$.lab.devices[{i}]", catalog, problems, twins, devices);
            }
        }
        var edges = new HashSet<(string, string)>();
        for (var i = 0; i < (lab.Feeds?.Count ?? 0); i++)
        {
            Feed(lab.Feeds![i], $"$.lab.feeds[{i}]", problems, devices, edges);
        }
        return problems.ToDictionary();
    }

    private static void Device(DeviceLayout? device, string path, ModelCatalog catalog, Problems problems, Dictionary<string, string> twins, HashSet<string> devices)
    {
        if (device is null)
        {
            problems.Add(path, "A device is an object with an id, a type and a capacity, not null.");
            return;
        }
        if (TwinId(device.Id, $"{path}.id", problems, twins))
        {
            devices.Add(device.Id);
        }
        if (device.Type is null || catalog.FindDeviceModel(device.Type) is null)
        {
            problems.Add($"{path}.type", $"'{device.Type}' is not a device type with a model in dtdl/.");
        }
        if (device.Capacity < 1)
        {
            problems.Add($"{path}.capacity", $"{device.Capacity.ToString(CultureInfo.InvariantCulture)}: a device holds at least one item.");
        }
    }

    private static void Feed(FeedEdge? edge, string path, Problems problems, HashSet<string> devices, HashSet<(string, string)> edges)
    {
        if (edge is null)
        {
            problems.Add(path, "A feeds edge is an object with from and to, not null.");
            return;
        }
        var ends = true;
        foreach (var (end, id) in new[] { ("from", edge.From), ("to", edge.To) })
        {
            if (id is null || !devices.Contains(id))
            {
                problems.Add($"{path}.{end}", $"'{id}' is not a device of the lab.");
                ends = false;
            }
        }
        if (!ends)
        {
            return;
        }
        if (edge.From == edge.To)
        {
            problems.Add(path, $"'{edge.From}' feeds itself; a feeds edge joins two devices (ADT refuses a relationship to the same twin).");
        }
        else if (!edges.Add((edge.From, edge.To)))
        {
            problems.Add(path, $"{edge.From} -> {edge.To} is listed twice.");
        }
    }

    // A valid twin id not used by another twin of the run: true when it may be provisioned.
    private static bool TwinId(string? id, string path, Problems problems, Dictionary<string, string> twins)
    {
        if (!TwinIds.IsValid(id))
        {
            problems.Add(path, $"'{id}' is not a twin id: {TwinIds.Rule}.");
            return false;
        }
        if (!twins.TryAdd(id!, path))
        {
            problems.Add(path, $"'{id}' is the id of {twins[id!]} already; the run, its lab and its devices are distinct twins.");
            return false;
        }
        return true;
    }

    // A value provisioning writes to a string property of a twin.
    private static void Text(string? value, string path, Problems problems, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                problems.Add(path, "Required.");
            }
            return;
        }
        if (Encoding.UTF8.GetByteCount(value) > ValueLimits.MaxStringBytes)
        {
            problems.Add(path, $"{Encoding.UTF8.GetByteCount(value)} bytes of UTF-8; ADT takes at most {ValueLimits.MaxStringBytes} in a string value.");
        }
    }

    private sealed class Problems
    {
        private readonly Dictionary<string, List<string>> _byPath = new(StringComparer.Ordinal);

        public void Add(string path, string problem)
        {
            if (!_byPath.TryGetValue(path, out var list))
            {
                _byPath[path] = list = [];
            }
            list.Add(problem);
        }

        public Dictionary<string, string[]> ToDictionary() => _byPath.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }
}
