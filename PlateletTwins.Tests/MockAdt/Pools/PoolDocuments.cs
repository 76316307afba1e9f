using System.Globalization;
using System.Text.Json.Nodes;
using PlateletTwins.Dtdl;
using PlateletTwins.Dtdl.Lab;

namespace PlateletTwins.Tests.MockAdt.Pools;

/// <summary>A pool's ids and twin as the lab gives them (ProcessFlow;2's names), for the pool tests and the pools benchmark.</summary>
public static class PoolDocuments
{
    public const string Lab = "platelet-lab";

    /// <summary>The agitator's twin, named within the lab as the simulator names every device.</summary>
    public static readonly string Agitator = Device("agitator-01");

    /// <summary>The twin of the lab's device <paramref name="id"/>: <c>platelet-lab.agitator-01</c>.</summary>
    public static string Device(string id) => TwinIds.InLab(Lab, id);

    /// <summary>A pool's twin with its first values; <paramref name="n"/> gives its ids (P00000n, donations WB(5n) to WB(5n + 4)).</summary>
    public static JsonObject Pool(int n, string bloodGroup, string stage, DateTimeOffset oldestCollection) => new()
    {
        [ProcessFlowModel.PoolId] = PoolId(n),
        [ProcessFlowModel.LabId] = Lab,
        [ProcessFlowModel.RunId] = "run-1",
        [ProcessFlowModel.BloodGroup] = bloodGroup,
        [ProcessFlowModel.Stage] = stage,
        [ProcessFlowModel.StartTime] = Time(oldestCollection.AddHours(20)),
        [ProcessFlowModel.OldestCollectionTime] = Time(oldestCollection),
        [ProcessFlowModel.ExpiryTime] = Time(oldestCollection.AddDays(7)),
        [ProcessFlowModel.Donations] = new JsonArray([.. Enumerable.Range(0, 5).Select(i => (JsonNode)Donation(5 * n + i))]),
    };

    public static string PoolId(int n) => $"P{n:D6}";

    public static string PoolTwinId(int n) => ProcessFlowModel.TwinId(Lab, PoolId(n));

    public static string Donation(int n) => $"WB{n:D6}";

    public static JsonObject RouteEntry(string device, string stage, DateTimeOffset enteredAt) => new()
    {
        [ProcessFlowModel.RouteFields.DeviceId] = device,
        [ProcessFlowModel.RouteFields.Stage] = stage,
        [ProcessFlowModel.RouteFields.EnteredAt] = Time(enteredAt),
    };

    /// <summary>ISO 8601 in UTC with a Z, to the second: one form for every time, so that ADT's string comparison orders them rightly.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
