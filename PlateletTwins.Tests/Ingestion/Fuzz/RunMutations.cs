using System.Text.Json.Nodes;
using static PlateletTwins.Tests.Ingestion.IntakeMessages;

namespace PlateletTwins.Tests.Ingestion.Fuzz;

/// <summary>Run starts with ids of their own, and the mutations that once got a 500 or left twins behind, and their kin.</summary>
public static class RunMutations
{
    private static readonly string[] Types = ["Centrifuge", "Separator", "SterileConnector", "PoolingStation", "TubeSealer", "Illuminator", "Agitator", "LabelStation"];

    public static JsonObject FreshRun(string prefix, Random random)
    {
        var devices = Enumerable.Range(0, random.Next(2, 4))
            .Select(i => (JsonNode)new JsonObject { ["id"] = $"{prefix}-d{i}", ["type"] = Types[random.Next(Types.Length)], ["capacity"] = random.Next(1, 20) })
            .ToArray();
        return new JsonObject
        {
            ["runId"] = $"{prefix}-run",
            ["seed"] = random.Next(),
            ["speed"] = "max",
            ["startTime"] = Start,
            ["profile"] = "normal",
            ["lab"] = new JsonObject
            {
                ["id"] = $"{prefix}-lab",
                ["name"] = "Fuzzed lab",
                ["devices"] = new JsonArray(devices),
                ["feeds"] = new JsonArray([.. Enumerable.Range(1, devices.Length - 1)
                    .Select(i => (JsonNode)new JsonObject { ["from"] = $"{prefix}-d{i - 1}", ["to"] = $"{prefix}-d{i}" })]),
            },
        };
    }

    private static JsonObject Lab(JsonObject run) => run["lab"]!.AsObject();

    private static JsonArray DevicesOf(JsonObject run) => Lab(run)["devices"]!.AsArray();

    private static JsonNode Device(JsonObject run, Random random) => DevicesOf(run)[random.Next(DevicesOf(run).Count)]!;

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    /// <summary>Each changes the run and says how.</summary>
    public static readonly Func<JsonObject, Random, string>[] All =
    [
        (run, random) => Set(Device(run, random), "id", Pick(random, "a/b", "a b", "é", "", new string('x', 129), "a?b", "a#b", "%2F", ".", "-lead")),
        (run, random) => Set(Device(run, random), "id", Lab(run)["id"]!.GetValue<string>()),
        (run, random) => Set(Device(run, random), "id", run["runId"]!.GetValue<string>()),
        (run, random) => Set(DevicesOf(run)[1]!, "id", Id(DevicesOf(run)[0]!).ToUpperInvariant()),
        (run, random) => Set(DevicesOf(run)[1]!, "id", Id(DevicesOf(run)[0]!)),
        (run, random) => Set(Device(run, random), "type", Pick(random, "Toaster", "centrifuge", "Centrifuge;2", "", "Device", "dtmi:platelettwins:devices:Centrifuge;1")),
        (run, random) => SetRaw(Device(run, random), "capacity", Pick(random, "0", "-1", "2147483648", "1.5", "\"3\"", "null")),
        (run, _) => Remove(Lab(run), "feeds"),
        (run, _) => SetRaw(Lab(run), "feeds", "null"),
        (run, _) => SetRaw(Lab(run), "feeds", "[null]"),
        (run, random) => AddFeed(run, Id(DevicesOf(run)[0]!), Id(DevicesOf(run)[0]!), "to itself"),
        (run, random) => AddFeed(run, Id(Device(run, random)), Lab(run)["id"]!.GetValue<string>(), "to the lab"),
        (run, random) => AddFeed(run, run["runId"]!.GetValue<string>(), Id(Device(run, random)), "from the run"),
        (run, random) => AddFeed(run, Id(DevicesOf(run)[0]!), Id(DevicesOf(run)[1]!), "twice"),
        (run, random) => AddFeed(run, "nowhere", Id(Device(run, random)), "from nowhere"),
        (run, _) => SetRaw(Lab(run), "devices", "[null]"),
        (run, _) => SetRaw(Lab(run), "devices", "[]"),
        (run, _) => Remove(Lab(run), "devices"),
        (run, _) => AddRaw(DevicesOf(run), "null"),
        (run, random) => Set(Lab(run), "id", Pick(random, "a/b", "", "lab é", new string('l', 200))),
        (run, _) => Set(run, "runId", Lab(run)["id"]!.GetValue<string>()),
        // Ids of the twins of the run already started: of another model, so a conflict with ADT's state.
        (run, random) => Set(Lab(run), "id", Pick(random, "centrifuge-01", FuzzedIntake.RunId)),
        (run, random) => Set(run, "runId", Pick(random, "separator-01", "platelet-lab")),
        (run, random) => Set(Device(run, random), "id", Pick(random, "platelet-lab", FuzzedIntake.RunId)),
        (run, random) => Set(run, "runId", Pick(random, "r/1", "", " ", "run\n1")),
        (run, _) => SetRaw(run, "runId", "null"),
        (run, _) => Remove(run, "runId"),
        (run, _) => SetRaw(run, "lab", "null"),
        (run, _) => Set(Lab(run), "name", new string('n', 5000)),
        (run, _) => SetRaw(run, "speed", "null"),
        (run, random) => Set(run, "startTime", Pick(random, "2026-01-05T07:00:00", "yesterday", "2026-13-01T00:00:00Z", "")),
        (run, random) => Set(run, "profile", new string('p', 4097)),
    ];

    private static string Pick(Random random, params string[] values) => values[random.Next(values.Length)];

    private static string Set(JsonNode node, string name, string value)
    {
        node[name] = value;
        return $"{name} = \"{(value.Length > 40 ? value[..40] + "..." : value)}\"";
    }

    private static string SetRaw(JsonNode node, string name, string json)
    {
        node[name] = JsonNode.Parse(json);
        return $"{name} = {json}";
    }

    private static string Remove(JsonObject node, string name)
    {
        node.Remove(name);
        return $"no {name}";
    }

    private static string AddRaw(JsonArray array, string json)
    {
        array.Add(JsonNode.Parse(json));
        return $"add {json}";
    }

    private static string AddFeed(JsonObject run, string from, string to, string what)
    {
        Lab(run)["feeds"]!.AsArray().Add(new JsonObject { ["from"] = from, ["to"] = to });
        return $"a feed {what}: {from} -> {to}";
    }
}
