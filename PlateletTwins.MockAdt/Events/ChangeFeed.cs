using System.Diagnostics;
using System.Threading.Channels;
using System.Text.Json.Nodes;
using PlateletTwins.MockAdt.Store;

namespace PlateletTwins.MockAdt.Events;

/// <summary>
/// Where the services publish changes. Publishing only enqueues, so a write's latency does not include routing or
/// history; <see cref="EventDispatcher"/> takes the queue in order.
/// </summary>
public sealed class ChangeFeed(TimeProvider time, IHttpContextAccessor http)
{
    private readonly Channel<ChangeEvent> _queue = Channel.CreateUnbounded<ChangeEvent>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<ChangeEvent> Reader => _queue.Reader;

    private long _published;
    private long _done;

    /// <summary>Changes published and not yet dispatched.</summary>
    public long Backlog => Interlocked.Read(ref _published) - Interlocked.Read(ref _done);

    /// <summary>The dispatcher is done with one change.</summary>
    public void Done() => Interlocked.Increment(ref _done);

    public void TwinCreated(TwinRecord twin) => Publish(New(EventTypes.TwinCreate, twin.Id, twin.Id, JsonNode.Parse(twin.Json)!) with { Twin = twin, ModelId = twin.ModelId });

    public void TwinUpdated(TwinRecord twin, JsonArray patch) =>
        Publish(New(EventTypes.TwinUpdate, twin.Id, twin.Id, new JsonObject { ["modelId"] = twin.ModelId, ["patch"] = patch }) with { Twin = twin, ModelId = twin.ModelId });

    public void TwinDeleted(TwinRecord twin) => Publish(New(EventTypes.TwinDelete, twin.Id, twin.Id, JsonNode.Parse(twin.Json)!) with { Twin = twin, ModelId = twin.ModelId });

    public void RelationshipCreated(RelationshipRecord relationship) => PublishRelationship(EventTypes.RelationshipCreate, relationship);

    /// <summary>
    /// A relationship changed: as ADT does, the event carries the source twin's model and the JSON Patch, not the
    /// relationship (a replacing PUT is one <c>replace</c> of the whole at the empty path).
    /// </summary>
    public void RelationshipUpdated(RelationshipRecord relationship, string sourceModelId, JsonArray patch) =>
        Publish(New(EventTypes.RelationshipUpdate, relationship.SourceId, RelationshipSubject(relationship), new JsonObject { ["modelId"] = sourceModelId, ["patch"] = patch })
            with { Relationship = relationship });

    public void RelationshipDeleted(RelationshipRecord relationship) => PublishRelationship(EventTypes.RelationshipDelete, relationship);

    public void Telemetry(string twinId, string modelId, string? component, JsonNode body, string? sourceTime) =>
        Publish(New(EventTypes.Telemetry, twinId, component ?? "", body) with { ModelId = modelId, SourceTime = sourceTime });

    private void PublishRelationship(string type, RelationshipRecord relationship) =>
        Publish(New(type, relationship.SourceId, RelationshipSubject(relationship), JsonNode.Parse(relationship.Json)!) with { Relationship = relationship });

    private static string RelationshipSubject(RelationshipRecord relationship) => $"{relationship.SourceId}/relationships/{relationship.Id}";

    private ChangeEvent New(string type, string twinId, string subject, JsonNode data) => new(type, twinId, subject, data, time.GetUtcNow())
    {
        Host = http.HttpContext?.Request.Host.Value ?? "localhost",
        // The request's span (or, untraced here, the caller's traceparent): a consumer continues the write's trace.
        TraceParent = Activity.Current?.Id ?? http.HttpContext?.Request.Headers.TraceParent.FirstOrDefault(),
    };

    private void Publish(ChangeEvent change)
    {
        Interlocked.Increment(ref _published);
        _queue.Writer.TryWrite(change);
    }
}
