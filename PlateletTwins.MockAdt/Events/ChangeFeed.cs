using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using PlateletTwins.MockAdt.Store;
using PlateletTwins.MockAdt.Twins;

namespace PlateletTwins.MockAdt.Events;

/// <summary>
/// Where the services publish changes. Publishing only enqueues, so a write's latency does not include routing or
/// history; <see cref="EventDispatcher"/> takes the queue in order.
/// </summary>
internal sealed class ChangeFeed(TimeProvider time, IHttpContextAccessor http)
{
    private readonly Channel<ChangeEvent> _queue = Channel.CreateUnbounded<ChangeEvent>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<ChangeEvent> Reader => _queue.Reader;

    private long _published;
    private long _done;

    /// <summary>Changes published and not yet dispatched.</summary>
    public long Backlog => Interlocked.Read(ref _published) - Interlocked.Read(ref _done);

    /// <summary>The dispatcher is done with one change.</summary>
    public void Done() => Interlocked.Increment(ref _done);

    // The events' types are named as these methods are: qualified here, where a method's name would hide its type.
    public void TwinCreated(TwinRecord twin) => Publish(new Events.TwinCreated(twin, time.GetUtcNow()));

    public void TwinUpdated(TwinRecord twin, JsonPatch patch) => Publish(new Events.TwinUpdated(twin, patch, time.GetUtcNow()));

    public void TwinDeleted(TwinRecord twin) => Publish(new Events.TwinDeleted(twin, time.GetUtcNow()));

    public void RelationshipCreated(RelationshipRecord relationship) => Publish(new Events.RelationshipCreated(relationship, time.GetUtcNow()));

    public void RelationshipUpdated(RelationshipRecord relationship, string sourceModelId, JsonArray patch) =>
        Publish(new Events.RelationshipUpdated(relationship, sourceModelId, patch, time.GetUtcNow()));

    public void RelationshipDeleted(RelationshipRecord relationship) => Publish(new Events.RelationshipDeleted(relationship, time.GetUtcNow()));

    public void Telemetry(string twinId, string modelId, string? component, JsonNode body, string? sourceTime) =>
        Publish(new Events.TelemetryReceived(twinId, modelId, component, body, sourceTime, time.GetUtcNow()));

    private void Publish(ChangeEvent change)
    {
        Interlocked.Increment(ref _published);
        _queue.Writer.TryWrite(change with
        {
            Host = http.HttpContext?.Request.Host.Value ?? "localhost",
            // The request's span (or, untraced here, the caller's traceparent): a consumer continues the write's trace.
            TraceParent = Activity.Current?.Id ?? http.HttpContext?.Request.Headers.TraceParent.FirstOrDefault(),
        });
    }
}
