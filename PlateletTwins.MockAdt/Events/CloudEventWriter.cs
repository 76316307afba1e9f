using System.Text.Json;
using PlateletTwins.MockAdt.Protocol;

namespace PlateletTwins.MockAdt.Events;

/// <summary>A change as a CloudEvent 1.0 in structured JSON, with the attributes ADT sets (see the fact sheet, §11).</summary>
public static class CloudEventWriter
{
    public const string ContentType = "application/cloudevents+json; charset=utf-8";

    public static byte[] Write(ChangeEvent change, string id)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, AdtJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("specversion", "1.0");
            writer.WriteString("id", id);
            writer.WriteString("type", change.Type);
            writer.WriteString("source", Source(change));
            writer.WriteString("subject", change.Subject);
            // CloudEvents' time is when the occurrence happened: for telemetry, its Telemetry-Source-Time when it has one.
            writer.WriteString("time", change.SourceTime ?? AdtTime.Format(change.Time));
            writer.WriteString("datacontenttype", "application/json");
            if (change.Type == EventTypes.Telemetry && change.ModelId is { } model)
            {
                writer.WriteString("dataschema", model);
            }
            if (change.TraceParent is { } traceParent)
            {
                writer.WriteString("traceparent", traceParent);
            }
            writer.WritePropertyName("data");
            change.Data.WriteTo(writer);
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }

    public static string Source(ChangeEvent change) =>
        change.Type == EventTypes.Telemetry ? $"{change.Host}/digitaltwins/{change.TwinId}" : change.Host;
}
