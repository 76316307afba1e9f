using System.Globalization;
using System.Text.Json;
using CloudNative.CloudEvents;
using PlateletTwins.MockAdt.Protocol;

namespace PlateletTwins.MockAdt.Events;

/// <summary>A change as the CloudEvent 1.0 ADT emits for it, with the attributes ADT sets (see the fact sheet, §11).</summary>
internal static class ChangeCloudEvent
{
    /// <summary>The Distributed Tracing extension's attribute (the SDK has none of its own for it).</summary>
    public static readonly CloudEventAttribute TraceParent = CloudEventAttribute.CreateExtension("traceparent", CloudEventAttributeType.String);

    public static string Type(ChangeEvent change) => change switch
    {
        TwinCreated => EventTypes.TwinCreate,
        TwinUpdated => EventTypes.TwinUpdate,
        TwinDeleted => EventTypes.TwinDelete,
        RelationshipCreated => EventTypes.RelationshipCreate,
        RelationshipUpdated => EventTypes.RelationshipUpdate,
        RelationshipDeleted => EventTypes.RelationshipDelete,
        TelemetryReceived => EventTypes.Telemetry,
        _ => throw new ArgumentOutOfRangeException(nameof(change), change.GetType().Name, "Not a change event type."),
    };

    /// <summary>
    /// The twin's id; a relationship's path under its source; for telemetry, the component it came from, or null for
    /// the twin's own (CloudEvents 1.0 has no empty subject: the attribute is left out).
    /// </summary>
    public static string? Subject(ChangeEvent change) => change switch
    {
        TwinCreated c => c.Twin.Id,
        TwinUpdated u => u.Twin.Id,
        TwinDeleted d => d.Twin.Id,
        RelationshipCreated c => $"{c.Relationship.SourceId}/relationships/{c.Relationship.Id}",
        RelationshipUpdated u => $"{u.Relationship.SourceId}/relationships/{u.Relationship.Id}",
        RelationshipDeleted d => $"{d.Relationship.SourceId}/relationships/{d.Relationship.Id}",
        TelemetryReceived t => t.Component is { Length: > 0 } component ? component : null,
        _ => throw new ArgumentOutOfRangeException(nameof(change), change.GetType().Name, "Not a change event type."),
    };

    /// <summary>The instance's host name; telemetry adds <c>/digitaltwins/{id}</c>.</summary>
    public static string Source(ChangeEvent change) =>
        change is TelemetryReceived telemetry ? $"{change.Host}/digitaltwins/{telemetry.TwinId}" : change.Host;

    /// <summary>
    /// The event's body as ADT sends it: the twin or relationship (created, or as it was when deleted), the model and
    /// the patch of an update, the telemetry message. Made once per change, whatever the number of routes.
    /// </summary>
    public static JsonElement Data(ChangeEvent change) => change switch
    {
        TwinCreated c => Parse(c.Twin.Json),
        TwinUpdated u => JsonSerializer.SerializeToElement(new PatchData(u.Twin.ModelId, u.Patch.Json), AdtJson.Options),
        TwinDeleted d => Parse(d.Twin.Json),
        RelationshipCreated c => Parse(c.Relationship.Json),
        RelationshipUpdated u => JsonSerializer.SerializeToElement(new PatchData(u.SourceModelId, u.Patch), AdtJson.Options),
        RelationshipDeleted d => Parse(d.Relationship.Json),
        TelemetryReceived t => JsonSerializer.SerializeToElement(t.Body, AdtJson.Options),
        _ => throw new ArgumentOutOfRangeException(nameof(change), change.GetType().Name, "Not a change event type."),
    };

    /// <summary>The CloudEvent one route delivers: <paramref name="id"/> is its own, <paramref name="data"/> the change's <see cref="Data"/>.</summary>
    public static CloudEvent Create(ChangeEvent change, string id, JsonElement data)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = id,
            Type = Type(change),
            Source = new Uri(Source(change), UriKind.RelativeOrAbsolute),
            Subject = Subject(change),
            // CloudEvents' time is when the occurrence happened: for telemetry, its Telemetry-Source-Time when it has one.
            Time = change is TelemetryReceived { SourceTime: { } sourceTime }
                ? DateTimeOffset.Parse(sourceTime, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
                : change.Time,
            DataContentType = "application/json",
            DataSchema = change is TelemetryReceived telemetry ? new Uri(telemetry.ModelId, UriKind.Absolute) : null,
            Data = data,
        };
        if (change.TraceParent is { } traceParent)
        {
            cloudEvent[TraceParent] = traceParent;
        }
        return cloudEvent;
    }

    private static JsonElement Parse(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    // An update's body: camelCase by AdtJson.Options, as ADT names them.
    private sealed record PatchData(string ModelId, System.Text.Json.Nodes.JsonArray Patch);
}
