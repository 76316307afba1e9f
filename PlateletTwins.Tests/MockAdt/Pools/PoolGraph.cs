using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.MockAdt.MockAdtFixture;

namespace PlateletTwins.Tests.MockAdt.Pools;

/// <summary>
/// A MockAdt of its own holding a lab's pools at 08:00 on 2026-01-05, written through the REST API as the intake writes
/// them, every twin named within the lab as the simulator names it (<c>platelet-lab.pool-P000001</c>,
/// <c>platelet-lab.agitator-01</c>; twin, locatedAt, processedBy moved by PUT, route patched whole with its sourceTime, processedBy deleted at
/// release or scrap), so that every query's right answer is known:
/// <list type="table">
/// <item>P000001 O Storage in agitator-01, expires in 12 h, came by sterile-connector-01 and centrifuge-03</item>
/// <item>P000002 O Storage in agitator-01, expires in 30 h</item>
/// <item>P000003 A Storage in agitator-01, expires in 10 h</item>
/// <item>P000004 O Released (no device), expires in 5 h</item>
/// <item>P000005 O SoftSpin in centrifuge-03, expires in 23 h 59 min</item>
/// <item>P000006 O Labelling in label-station-01, expires in exactly 24 h</item>
/// <item>P000007 O Scrapped (no device), expires in 2 h</item>
/// <item>P000008 O Storage in agitator-01, expired an hour ago; holds WB000040 to WB000044</item>
/// </list>
/// Pool n holds donations WB(5n) to WB(5n + 4).
/// </summary>
public sealed class PoolGraph : IAsyncDisposable
{
    public static readonly string SterileConnector = PoolDocuments.Device("sterile-connector-01");
    public static readonly string Centrifuge = PoolDocuments.Device("centrifuge-03");
    public static readonly string Agitator = PoolDocuments.Agitator;
    public static readonly string LabelStation = PoolDocuments.Device("label-station-01");

    public static readonly DateTimeOffset Now = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    private PoolGraph(MockAdtHost host)
    {
        Host = host;
        Client = host.CreateClient();
    }

    public MockAdtHost Host { get; }

    public HttpClient Client { get; }

    /// <summary>Pool 1's route as it was written: the three devices it was handed to.</summary>
    public static JsonArray RouteOfPool1 =>
    [
        PoolDocuments.RouteEntry(SterileConnector, ProcessFlowModel.StageValues.Pooling, Now.AddHours(-5)),
        PoolDocuments.RouteEntry(Centrifuge, ProcessFlowModel.StageValues.SoftSpin, Now.AddHours(-4)),
        PoolDocuments.RouteEntry(Agitator, ProcessFlowModel.StageValues.Storage, Now.AddHours(-2)),
    ];

    public static async Task<PoolGraph> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var graph = new PoolGraph(await MockAdtHost.StartAsync(settings));
        await graph.CreateAsync();
        return graph;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }

    private async Task CreateAsync()
    {
        await PoolTwins.UploadModelsAsync(Client);
        (await PoolTwins.PutTwinAsync(Client, PoolDocuments.Lab, "dtmi:platelettwins:Lab;1", new JsonObject { ["name"] = "Platelet lab" })).EnsureSuccessStatusCode();
        foreach (var (device, type) in (IEnumerable<(string, string)>)[(SterileConnector, "SterileConnector"), (Centrifuge, "Centrifuge"), (Agitator, "Agitator"), (LabelStation, "LabelStation")])
        {
            (await PoolTwins.PutDeviceAsync(Client, device, type)).EnsureSuccessStatusCode();
        }
        await PoolAsync(1, "O", ProcessFlowModel.StageValues.Storage, TimeSpan.FromHours(12), SterileConnector, Centrifuge, Agitator);
        await PoolAsync(2, "O", ProcessFlowModel.StageValues.Storage, TimeSpan.FromHours(30), Agitator);
        await PoolAsync(3, "A", ProcessFlowModel.StageValues.Storage, TimeSpan.FromHours(10), Agitator);
        await PoolAsync(4, "O", ProcessFlowModel.StageValues.Released, TimeSpan.FromHours(5), LabelStation, null);
        await PoolAsync(5, "O", ProcessFlowModel.StageValues.SoftSpin, TimeSpan.FromHours(24) - TimeSpan.FromMinutes(1), Centrifuge);
        await PoolAsync(6, "O", ProcessFlowModel.StageValues.Labelling, TimeSpan.FromHours(24), LabelStation);
        await PoolAsync(7, "O", ProcessFlowModel.StageValues.Scrapped, TimeSpan.FromHours(2), Centrifuge, null);
        await PoolAsync(8, "O", ProcessFlowModel.StageValues.Storage, TimeSpan.FromHours(-1), Agitator);
        (await PatchAsync(PoolDocuments.PoolTwinId(1), ProcessFlowModel.Route, RouteOfPool1, Now.AddHours(-2))).EnsureSuccessStatusCode();
    }

    /// <summary>A pool created, located at the lab, handed to each device in turn (null: its processedBy deleted).</summary>
    private async Task PoolAsync(int n, string group, string stage, TimeSpan expiresIn, params string?[] devices)
    {
        var twinId = PoolDocuments.PoolTwinId(n);
        (await PoolTwins.PutPoolAsync(Client, n, PoolDocuments.Pool(n, group, stage, Now + expiresIn - TimeSpan.FromDays(7)))).EnsureSuccessStatusCode();
        (await PoolTwins.PutLocatedAtAsync(Client, twinId)).EnsureSuccessStatusCode();
        foreach (var device in devices)
        {
            (await (device is null ? PoolTwins.DeleteProcessedByAsync(Client, twinId) : PoolTwins.PutProcessedByAsync(Client, twinId, device))).EnsureSuccessStatusCode();
        }
    }

    /// <summary>A property written as the intake writes it: the value and its sourceTime in one patch.</summary>
    public Task<HttpResponseMessage> PatchAsync(string twinId, string property, JsonNode value, DateTimeOffset sourceTime) =>
        Client.PatchAsync($"/digitaltwins/{twinId}?{ApiVersion}", PatchBody(new JsonArray
        {
            new JsonObject { ["op"] = "add", ["path"] = $"/{property}", ["value"] = value },
            new JsonObject { ["op"] = "add", ["path"] = $"/$metadata/{property}/sourceTime", ["value"] = PoolDocuments.Time(sourceTime) },
        }.ToJsonString()));
}
