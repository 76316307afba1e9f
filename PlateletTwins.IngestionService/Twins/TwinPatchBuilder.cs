using System.Buffers;
using System.Text.Json;
using Azure;
using PlateletTwins.Dtdl.Json;
using PlateletTwins.Dtdl.Values;

namespace PlateletTwins.IngestionService.Twins;

/// <summary>
/// One JSON Patch per write: <c>add</c> for every property (an upsert in ADT; <c>replace</c> fails on a property
/// the twin does not have yet) and its <c>sourceTime</c>, the simulated instant of the change. Written straight to
/// UTF-8: JsonPatchDocument's own Append methods serialize each value to a string and parse it again on the way out.
/// </summary>
internal static class TwinPatchBuilder
{
    public static JsonPatchDocument Build(PendingWrite write) => Build(write.Properties);

    public static JsonPatchDocument Build(IReadOnlyCollection<KeyValuePair<string, PendingProperty>> properties)
    {
        var buffer = new ArrayBufferWriter<byte>(128 * (properties.Count + 1));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var (name, property) in properties.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var path = JsonPointer.ToMember(name);
                writer.WriteStartObject();
                writer.WriteString("op", "add");
                writer.WriteString("path", path);
                writer.WritePropertyName("value");
                property.Value.WriteTo(writer);
                writer.WriteEndObject();

                writer.WriteStartObject();
                writer.WriteString("op", "add");
                writer.WriteString("path", "/$metadata" + path + "/sourceTime");
                writer.WriteString("value", AdtTime.Format(property.SourceTime));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return new JsonPatchDocument(buffer.WrittenMemory);
    }
}
