using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.MockAdt.Conditions;
using PlateletTwins.MockAdt.Relationships;
using PlateletTwins.MockAdt.Twins;

namespace PlateletTwins.Tests.MockAdt.Pools;

/// <summary>
/// A year's pools in one graph, written in process through MockAdt's own services (the validation and indexes a REST
/// write goes through, without the HTTP): 20,000 pool twins started every 26 minutes of a simulated year, each
/// located at the lab; the last 400 still in the lab, each with its processedBy (half of them in the agitator), the
/// rest released (one in twenty scrapped). Every answer of <see cref="PoolQueries"/> on it is known.
/// </summary>
public sealed class PoolScaleGraph
{
    public const int InLab = 400;

    /// <summary>The lab's devices in the order a pool passes them, with their type and the stage a pool has in each.</summary>
    private static readonly (string Device, string Type, string Stage)[] Flow =
    [
        (PoolDocuments.Device("sterile-connector-01"), "SterileConnector", ProcessFlowModel.StageValues.Pooling),
        (PoolDocuments.Device("pooling-station-01"), "PoolingStation", ProcessFlowModel.StageValues.Pooling),
        (PoolDocuments.Device("centrifuge-03"), "Centrifuge", ProcessFlowModel.StageValues.SoftSpin),
        (PoolDocuments.Device("separator-03"), "Separator", ProcessFlowModel.StageValues.Press),
        (PoolDocuments.Device("tube-sealer-01"), "TubeSealer", ProcessFlowModel.StageValues.Sealing),
        (PoolDocuments.Device("illuminator-01"), "Illuminator", ProcessFlowModel.StageValues.Illumination),
        (PoolDocuments.Agitator, "Agitator", ProcessFlowModel.StageValues.Storage),
        (PoolDocuments.Device("label-station-01"), "LabelStation", ProcessFlowModel.StageValues.Labelling),
    ];

    private static readonly int AgitatorStep = Array.FindIndex(Flow, f => f.Device == PoolDocuments.Agitator);

    private static readonly int[] OtherSteps = [.. Enumerable.Range(0, Flow.Length).Where(i => i != AgitatorStep)];

    private static readonly string[] Groups = ["O", "O", "O", "O", "A", "A", "A", "A", "B", "AB"];

    private static readonly DateTimeOffset YearStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, string> _deviceOf = new(StringComparer.Ordinal);
    private readonly List<(string TwinId, string Group, string Stage, DateTimeOffset Expiry)> _pools = [];

    private PoolScaleGraph(int pools)
    {
        Pools = pools;
        Now = Started(pools);
    }

    public int Pools { get; }

    /// <summary>When the last pool was started: the graph's present.</summary>
    public DateTimeOffset Now { get; }

    public static DateTimeOffset Started(int n) => YearStart + TimeSpan.FromDays(365) * n / 20_000;

    /// <summary>Writes the lab, the devices and <paramref name="pools"/> pools into the MockAdt whose services are given.</summary>
    public static PoolScaleGraph Write(IServiceProvider services, int pools)
    {
        var twins = services.GetRequiredService<TwinService>();
        var relationships = services.GetRequiredService<RelationshipService>();
        var graph = new PoolScaleGraph(pools);
        twins.Put(PoolDocuments.Lab, Twin("dtmi:platelettwins:Lab;1", []), WriteConditions.None);
        foreach (var (device, type, _) in Flow)
        {
            twins.Put(device, Twin(DeviceModel.ModelIdOf(type), []), WriteConditions.None);
        }
        for (var n = 1; n <= pools; n++)
        {
            graph.WritePool(twins, relationships, n);
        }
        return graph;
    }

    private void WritePool(TwinService twins, RelationshipService relationships, int n)
    {
        var twinId = PoolDocuments.PoolTwinId(n);
        var start = Started(n);
        // In the lab: every other pool in the agitator, the rest spread over the other devices; else released or scrapped.
        int? step = n <= Pools - InLab ? null : n % 2 == 0 ? AgitatorStep : OtherSteps[n / 2 % OtherSteps.Length];
        var device = step is { } at ? Flow[at].Device : null;
        var stage = step is { } here ? Flow[here].Stage
            : n % 20 == 0 ? ProcessFlowModel.StageValues.Scrapped : ProcessFlowModel.StageValues.Released;
        var pool = PoolDocuments.Pool(n, Groups[n % Groups.Length], stage, start.AddHours(-20));
        var route = new JsonArray();
        for (var passed = 0; passed <= (step ?? Flow.Length - 1); passed++)
        {
            route.Add(PoolDocuments.RouteEntry(Flow[passed].Device, Flow[passed].Stage, start.AddMinutes(30 * passed)));
        }
        pool[ProcessFlowModel.Route] = route;
        twins.Put(twinId, Twin(ProcessFlowModel.Id, pool), WriteConditions.None);
        relationships.Put(twinId, ProcessFlowModel.LocatedAtId(twinId), Relationship(ProcessFlowModel.LocatedAt, PoolDocuments.Lab), WriteConditions.None);
        if (device is not null)
        {
            relationships.Put(twinId, ProcessFlowModel.ProcessedById(twinId), Relationship(ProcessFlowModel.ProcessedBy, device), WriteConditions.None);
            _deviceOf[twinId] = device;
        }
        _pools.Add((twinId, pool[ProcessFlowModel.BloodGroup]!.GetValue<string>(), stage, DateTimeOffset.Parse(pool[ProcessFlowModel.ExpiryTime]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)));
    }

    public string? DeviceOf(string poolTwinId) => _deviceOf.GetValueOrDefault(poolTwinId);

    public IEnumerable<string> HeldBy(string device) => _deviceOf.Where(p => p.Value == device).Select(p => p.Key);

    public IEnumerable<string> Expiring(string group, DateTimeOffset from, DateTimeOffset to) => _pools
        .Where(p => p.Group == group && p.Expiry >= from && p.Expiry < to
            && p.Stage is not (ProcessFlowModel.StageValues.Released or ProcessFlowModel.StageValues.Scrapped))
        .Select(p => p.TwinId);

    private static JsonObject Twin(string model, JsonObject properties)
    {
        properties["$metadata"] = new JsonObject { ["$model"] = model };
        return properties;
    }

    private static JsonObject Relationship(string name, string target) => new() { ["$relationshipName"] = name, ["$targetId"] = target };
}
