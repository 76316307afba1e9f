using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.Ingestion.IntakeMessages;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>
/// A pool's lifecycle as the simulator sends it (the contract's order, one sequence counter per twin across its updates
/// and changes): created at the sterile connector, <c>locatedAt</c> the lab, <c>processedBy</c> moved at every hand-off
/// along the lab's route with its stage and route written each time, then released, its relationships deleted and its
/// twin deleted.
/// </summary>
public static class PoolMessages
{
    public const string Lab = "platelet-lab";

    public static readonly (string Device, string Stage)[] Route =
    [
        ("sterile-connector-01", "Pooling"), ("pooling-station-01", "Pooling"), ("centrifuge-03", "SoftSpin"), ("separator-03", "Press"),
        ("tube-sealer-01", "Sealing"), ("illuminator-01", "Illumination"), ("agitator-01", "Storage"), ("label-station-01", "Labelling"),
    ];

    /// <summary>One item of a batch: an update or a change, with its twin's sequence.</summary>
    public sealed record Item(string TwinId, long Sequence, bool IsChange, JsonObject Body);

    /// <summary>What ADT should have of a pool alive at the end: its values and its relationships (id → target).</summary>
    public sealed record Expected(string TwinId, JsonObject Properties, Dictionary<string, string> Relationships);

    public static string TwinId(int pool) => ProcessFlowModel.TwinId(Lab, PoolId(pool));

    public static string PoolId(int pool) => $"P{pool:D6}";

    /// <summary>
    /// The items of pool <paramref name="pool"/>: handed along the first <paramref name="steps"/> devices of the route,
    /// then released and deleted when <paramref name="released"/>.
    /// </summary>
    public static List<Item> Journey(string runId, int pool, int steps, bool released, out Expected? alive, double minute = 0)
    {
        var twinId = TwinId(pool);
        var items = new List<Item>();
        long sequence = 0;
        var time = Start.AddMinutes(minute);
        var route = new JsonArray(RouteEntry(0, time));
        var properties = new JsonObject
        {
            [ProcessFlowModel.PoolId] = PoolId(pool),
            [ProcessFlowModel.LabId] = Lab,
            [ProcessFlowModel.RunId] = runId,
            [ProcessFlowModel.BloodGroup] = new[] { "O", "A", "B", "AB" }[pool % 4],
            [ProcessFlowModel.Stage] = Route[0].Stage,
            [ProcessFlowModel.StartTime] = time,
            [ProcessFlowModel.OldestCollectionTime] = time.AddHours(-20),
            [ProcessFlowModel.ExpiryTime] = time.AddHours(-20).AddDays(7),
            [ProcessFlowModel.Donations] = new JsonArray([.. Enumerable.Range(0, 5).Select(i => (JsonNode)$"WB{pool * 5 + i:D6}")]),
            [ProcessFlowModel.Route] = route.DeepClone(),
        };
        var last = (JsonObject)properties.DeepClone();
        items.Add(Change(twinId, sequence++, time, "createTwin", properties));
        items.Add(Put(twinId, sequence++, time, ProcessFlowModel.LocatedAt, Lab));
        items.Add(Put(twinId, sequence++, time, ProcessFlowModel.ProcessedBy, Route[0].Device));
        for (var step = 1; step < steps; step++)
        {
            time = time.AddMinutes(10);
            route.Add(RouteEntry(step, time));
            var update = new JsonObject { [ProcessFlowModel.Stage] = Route[step].Stage, [ProcessFlowModel.Route] = route.DeepClone() };
            items.Add(new Item(twinId, sequence, false, UpdateBody(twinId, sequence++, time, update)));
            items.Add(Put(twinId, sequence++, time, ProcessFlowModel.ProcessedBy, Route[step].Device));
            foreach (var (name, value) in update)
            {
                last[name] = value!.DeepClone();
            }
        }
        alive = null;
        if (released)
        {
            time = time.AddMinutes(10);
            var end = new JsonObject { [ProcessFlowModel.Stage] = "Released", [ProcessFlowModel.EndTime] = time };
            items.Add(new Item(twinId, sequence, false, UpdateBody(twinId, sequence++, time, end)));
            items.Add(Delete(twinId, sequence++, time, ProcessFlowModel.ProcessedById(twinId)));
            items.Add(Delete(twinId, sequence++, time, ProcessFlowModel.LocatedAtId(twinId)));
            items.Add(Change(twinId, sequence, time, "deleteTwin", null));
        }
        else
        {
            alive = new Expected(twinId, last, new Dictionary<string, string>
            {
                [ProcessFlowModel.LocatedAtId(twinId)] = Lab,
                [ProcessFlowModel.ProcessedById(twinId)] = Route[steps - 1].Device,
            });
        }
        return items;
    }

    /// <summary>The journeys of many pools at once, item by item in turn, as a lab running them side by side sends them.</summary>
    public static List<Item> Interleave(IEnumerable<List<Item>> journeys)
    {
        var queues = journeys.Select(j => new Queue<Item>(j)).ToList();
        var items = new List<Item>();
        while (queues.Any(q => q.Count > 0))
        {
            foreach (var queue in queues.Where(q => q.Count > 0))
            {
                items.Add(queue.Dequeue());
            }
        }
        return items;
    }

    /// <summary>A batch of the run with these items: updates in <c>updates</c>, changes in <c>changes</c>, each in the order given.</summary>
    public static JsonObject Batch(string runId, IEnumerable<Item> items)
    {
        var list = items.ToList();
        var batch = IntakeMessages.Batch(runId, list.Where(i => !i.IsChange).Select(i => (JsonObject)i.Body.DeepClone()));
        batch["changes"] = new JsonArray([.. list.Where(i => i.IsChange).Select(i => (JsonNode)i.Body.DeepClone())]);
        return batch;
    }

    public static Item Change(string twinId, long sequence, DateTimeOffset time, string kind, JsonObject? properties, JsonObject? relationship = null, string? modelId = ProcessFlowModel.Id)
    {
        var body = new JsonObject
        {
            ["twinId"] = twinId,
            ["sequence"] = sequence,
            ["sourceTime"] = time,
            ["kind"] = kind,
            ["createdAt"] = DateTimeOffset.UtcNow,
        };
        if (kind == "createTwin")
        {
            body["modelId"] = modelId;
            body["properties"] = properties;
        }
        if (relationship is not null)
        {
            body["relationship"] = relationship;
        }
        return new Item(twinId, sequence, true, body);
    }

    public static Item Put(string twinId, long sequence, DateTimeOffset time, string name, string target, string? id = null) =>
        Change(twinId, sequence, time, "putRelationship", null, new JsonObject
        {
            ["id"] = id ?? (name == ProcessFlowModel.LocatedAt ? ProcessFlowModel.LocatedAtId(twinId) : ProcessFlowModel.ProcessedById(twinId)),
            ["name"] = name,
            ["targetId"] = target,
            ["properties"] = new JsonObject(),
        });

    public static Item Delete(string twinId, long sequence, DateTimeOffset time, string relationshipId) =>
        Change(twinId, sequence, time, "deleteRelationship", null, new JsonObject { ["id"] = relationshipId });

    private static JsonObject UpdateBody(string twinId, long sequence, DateTimeOffset time, JsonObject properties)
    {
        var body = Update(twinId, sequence, 0, properties);
        body["sourceTime"] = time;
        return body;
    }

    private static JsonObject RouteEntry(int step, DateTimeOffset at) => new()
    {
        [ProcessFlowModel.RouteFields.DeviceId] = Route[step].Device,
        [ProcessFlowModel.RouteFields.Stage] = Route[step].Stage,
        [ProcessFlowModel.RouteFields.EnteredAt] = at,
    };

    /// <summary>Sends the items in batches of <paramref name="size"/>, each until the intake takes it (a 429 waits); returns the answers' bodies.</summary>
    public static async Task<List<JsonObject>> SendAsync(HttpClient client, string runId, IReadOnlyList<Item> items, int size)
    {
        var answers = new List<JsonObject>();
        foreach (var chunk in items.Chunk(size))
        {
            var answer = await Eventually.ReturnsAsync(async () =>
            {
                using var response = await client.PostAsJsonAsync("/api/telemetry", Batch(runId, chunk));
                if (response.StatusCode is System.Net.HttpStatusCode.Accepted or System.Net.HttpStatusCode.MultiStatus)
                {
                    return await response.Content.ReadFromJsonAsync<JsonObject>();
                }
                Assert.True(response.StatusCode is System.Net.HttpStatusCode.TooManyRequests or System.Net.HttpStatusCode.ServiceUnavailable,
                    $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                return null;
            }, taken => taken is not null, TimeSpan.FromSeconds(60), $"the intake taking a batch of {runId}");
            answers.Add(answer!);
        }
        return answers;
    }
}
