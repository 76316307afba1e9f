using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.Http;
using PlateletTwins.IngestionService.Intake;
using PlateletTwins.IngestionService.Twins;

namespace PlateletTwins.IngestionService.Live;

/// <summary>
/// What ADT has, as far as this service knows it: each lab's latest run, each twin's properties as of its last
/// acknowledged write and when ADT acknowledged it, and the recent discrete events ADT took. A snapshot is of one
/// lab (the one asked for, else the lab of the latest run): its run, its twins, its events and its pools. The live view starts from
/// <see cref="Snapshot"/> and follows <see cref="SubscribeAsync"/>; nothing here is shown before ADT confirmed it.
/// Pools (ProcessFlow twins) are kept apart from the lab's twins: each from its creation in ADT to its deletion, with
/// the device its <c>processedBy</c> targets as ADT has it.
/// </summary>
internal sealed class LiveLab(TimeProvider time)
{
    public const int RecentEvents = 50;
    private const int SubscriberBuffer = 5000;

    private readonly Lock _lock = new();
    // The values are the written updates' own nodes, not copies: nothing changes them once written, and copying every
    // value of every write cost the write path a tenth of its rate.
    private readonly Dictionary<string, Dictionary<string, JsonNode>> _twins = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _acknowledged = new(StringComparer.Ordinal);
    private readonly Queue<JsonObject> _events = new();
    // A client too slow to keep up loses the oldest changes it has not read: it lags, but what it shows stays current.
    private readonly SseBroadcaster _subscribers = new(SubscriberBuffer, BoundedChannelFullMode.DropOldest);
    private readonly Dictionary<string, LivePool> _pools = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RunStart> _runs = new(StringComparer.Ordinal);
    private string? _latestLab;

    public void RunStarted(RunStart run)
    {
        lock (_lock)
        {
            _runs[run.Lab.Id] = run;
            _latestLab = run.Lab.Id;
            Broadcast("run", RunJson(run));
        }
    }

    /// <summary>ADT acknowledged a write of these properties to a twin. On the write path: cheap when nobody watches.</summary>
    public void Written(string twinId, IReadOnlyDictionary<string, PendingProperty> properties)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_pools.TryGetValue(twinId, out var pool))
            {
                foreach (var (name, property) in properties)
                {
                    pool.Properties[name] = property.Value;
                }
                BroadcastPool(pool);
                return;
            }
            if (!_twins.TryGetValue(twinId, out var twin))
            {
                _twins[twinId] = twin = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
            }
            foreach (var (name, property) in properties)
            {
                twin[name] = property.Value;
            }
            _acknowledged[twinId] = now;
            if (_subscribers.HasSubscribers)
            {
                Broadcast("twin", new JsonObject { ["twinId"] = twinId, ["properties"] = Copy(properties.Select(p => KeyValuePair.Create(p.Key, p.Value.Value))), ["acknowledgedAt"] = now });
            }
        }
    }

    /// <summary>ADT acknowledged a lifecycle change: a pool created, moved (its processedBy put), released from a device, deleted.</summary>
    public void ChangeWritten(TwinChange change)
    {
        lock (_lock)
        {
            if (change.Kind == TwinChangeKind.CreateTwin)
            {
                if (change.ModelId != ProcessFlowModel.Id)
                {
                    return;
                }
                var created = new LivePool(change.TwinId);
                foreach (var (name, value) in change.Properties ?? [])
                {
                    if (value is not null)
                    {
                        created.Properties[name] = value.DeepClone();
                    }
                }
                _pools[change.TwinId] = created;
                BroadcastPool(created);
                return;
            }
            if (!_pools.TryGetValue(change.TwinId, out var pool))
            {
                return;
            }
            switch (change.Kind)
            {
                case TwinChangeKind.DeleteTwin:
                    _pools.Remove(change.TwinId);
                    Broadcast("poolDeleted", new JsonObject { ["twinId"] = change.TwinId });
                    return;
                case TwinChangeKind.PutRelationship when change.Relationship!.Name == ProcessFlowModel.ProcessedBy:
                    pool.ProcessedById = change.Relationship.Id;
                    pool.DeviceId = change.Relationship.TargetId;
                    break;
                case TwinChangeKind.DeleteRelationship when change.Relationship!.Id == pool.ProcessedById:
                    pool.ProcessedById = null;
                    pool.DeviceId = null;
                    break;
                default:
                    return;
            }
            BroadcastPool(pool);
        }
    }

    /// <summary>A pool twin was deleted outside its run's changes (a newer run removed an earlier run's pools).</summary>
    public void Removed(string twinId)
    {
        lock (_lock)
        {
            if (_pools.Remove(twinId))
            {
                Broadcast("poolDeleted", new JsonObject { ["twinId"] = twinId });
            }
        }
    }

    private void BroadcastPool(LivePool pool)
    {
        if (_subscribers.HasSubscribers)
        {
            Broadcast("pool", pool.ToJson());
        }
    }

    private static JsonObject Copy(IEnumerable<KeyValuePair<string, JsonNode>> properties) =>
        new(properties.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value.DeepClone())));

    /// <summary>ADT took a discrete event of a twin.</summary>
    public void EventSent(DiscreteEvent discreteEvent)
    {
        var entry = new JsonObject
        {
            ["twinId"] = discreteEvent.TwinId,
            ["type"] = discreteEvent.Type,
            ["detail"] = discreteEvent.Detail,
            ["sourceTime"] = discreteEvent.SourceTime,
        };
        lock (_lock)
        {
            _events.Enqueue(entry);
            if (_events.Count > RecentEvents)
            {
                _events.Dequeue();
            }
            Broadcast("event", entry.DeepClone().AsObject());
        }
    }

    /// <summary>What ADT has of lab <paramref name="labId"/> (unknown or null: the lab of the latest run), and which labs it has runs of.</summary>
    public JsonObject Snapshot(string? labId = null)
    {
        lock (_lock)
        {
            var run = labId is not null && _runs.TryGetValue(labId, out var chosen) ? chosen : _latestLab is null ? null : _runs[_latestLab];
            // Before any run, everything: there is no lab to choose.
            HashSet<string>? ofLab = run is null ? null : new(run.Twins(), StringComparer.Ordinal);
            return new JsonObject
            {
                ["serverTime"] = time.GetUtcNow(),
                ["labs"] = new JsonArray([.. _runs.Values.OrderBy(r => r.Lab.Id, StringComparer.Ordinal)
                    .Select(r => (JsonNode)new JsonObject { ["id"] = r.Lab.Id, ["name"] = r.Lab.Name, ["runId"] = r.RunId })]),
                ["run"] = run is null ? null : RunJson(run),
                ["twins"] = new JsonObject(_twins.Where(t => ofLab?.Contains(t.Key) ?? true).Select(t => KeyValuePair.Create(t.Key, (JsonNode?)new JsonObject
                {
                    ["properties"] = Copy(t.Value),
                    ["acknowledgedAt"] = _acknowledged[t.Key],
                }))),
                ["events"] = new JsonArray([.. _events.Where(e => ofLab?.Contains(e["twinId"]!.GetValue<string>()) ?? true).Select(e => (JsonNode)e.DeepClone())]),
                ["pools"] = new JsonArray([.. _pools.Values.Where(p => run is null || p.LabId == run.Lab.Id)
                    .OrderBy(p => p.TwinId, StringComparer.Ordinal).Select(p => (JsonNode)p.ToJson())]),
            };
        }
    }

    /// <summary>Every change from now on, until the client goes. A client too slow to keep up misses changes, and
    /// should take the snapshot again when it reconnects.</summary>
    public IAsyncEnumerable<SseItem<string>> SubscribeAsync(CancellationToken cancellationToken) => _subscribers.StreamAsync(cancellationToken);

    /// <summary>Whether a client follows the changes now (<see cref="SubscribeAsync"/>): a page open on the live view.</summary>
    public bool Followed => _subscribers.HasSubscribers;

    private void Broadcast(string kind, JsonObject data) => _subscribers.Broadcast(new SseItem<string>(data.ToJsonString(), kind));

    /// <summary>A pool as ADT has it: its values and the device its processedBy targets.</summary>
    private sealed class LivePool(string twinId)
    {
        public string TwinId { get; } = twinId;

        public Dictionary<string, JsonNode> Properties { get; } = new(StringComparer.Ordinal);

        public string? ProcessedById { get; set; }

        public string? DeviceId { get; set; }

        public string? LabId => Properties.TryGetValue(ProcessFlowModel.LabId, out var lab) ? lab.GetValue<string>() : null;

        // The contract's shape (a property ADT does not have yet is null).
        public JsonObject ToJson() => new()
        {
            ["twinId"] = TwinId,
            ["labId"] = LabId,
            ["poolId"] = Value(ProcessFlowModel.PoolId),
            ["bloodGroup"] = Value(ProcessFlowModel.BloodGroup),
            ["stage"] = Value(ProcessFlowModel.Stage),
            ["deviceId"] = DeviceId,
            ["startTime"] = Value(ProcessFlowModel.StartTime),
            ["expiryTime"] = Value(ProcessFlowModel.ExpiryTime),
            ["route"] = Value(ProcessFlowModel.Route) ?? new JsonArray(),
        };

        private JsonNode? Value(string name) => Properties.TryGetValue(name, out var value) ? value.DeepClone() : null;
    }

    private static JsonObject RunJson(RunStart run) => (JsonObject)JsonSerializer.SerializeToNode(run, JsonSerializerOptions.Web)!;
}
