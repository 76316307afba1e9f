using System.Text.Json.Nodes;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>Intake messages for the reference lab's devices, as the simulator writes them.</summary>
public static class IntakeMessages
{
    public static readonly (string Id, string Type, int Capacity)[] Devices =
    [
        ("centrifuge-01", "Centrifuge", 12), ("centrifuge-02", "Centrifuge", 12), ("separator-01", "Separator", 1),
        ("separator-02", "Separator", 1), ("sterile-connector-01", "SterileConnector", 1), ("pooling-station-01", "PoolingStation", 4),
        ("centrifuge-03", "Centrifuge", 6), ("separator-03", "Separator", 1), ("tube-sealer-01", "TubeSealer", 1),
        ("illuminator-01", "Illuminator", 2), ("agitator-01", "Agitator", 96), ("label-station-01", "LabelStation", 1),
    ];

    public static readonly DateTimeOffset Start = new(2026, 1, 5, 7, 0, 0, TimeSpan.Zero);

    public static JsonObject Run(string runId) => new()
    {
        ["runId"] = runId,
        ["seed"] = 1,
        ["speed"] = "max",
        ["startTime"] = Start,
        ["lab"] = new JsonObject
        {
            ["id"] = "platelet-lab",
            ["name"] = "Platelet pooling lab",
            ["devices"] = new JsonArray([.. Devices.Select(d => (JsonNode)new JsonObject { ["id"] = d.Id, ["type"] = d.Type, ["capacity"] = d.Capacity })]),
            ["feeds"] = new JsonArray(
                new JsonObject { ["from"] = "centrifuge-01", ["to"] = "separator-01" },
                new JsonObject { ["from"] = "separator-01", ["to"] = "sterile-connector-01" }),
        },
    };

    public static JsonObject Update(string twinId, long sequence, double minute, JsonObject properties) => new()
    {
        ["twinId"] = twinId,
        ["sequence"] = sequence,
        ["sourceTime"] = Start.AddMinutes(minute),
        ["properties"] = properties,
        ["createdAt"] = DateTimeOffset.UtcNow,
    };

    public static JsonObject Batch(string runId, IEnumerable<JsonObject> updates) => new()
    {
        ["runId"] = runId,
        ["updates"] = new JsonArray([.. updates]),
    };
}
