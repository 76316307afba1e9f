using System.Text.Json;
using System.Text.Json.Nodes;
using PlateletTwins.MockAdt.Protocol;
using PlateletTwins.MockAdt.Store;

namespace PlateletTwins.MockAdt.Twins;

/// <summary>Writes a twin in the member order the service uses: <c>$dtId</c>, <c>$etag</c>, contents, <c>$metadata</c> last.</summary>
internal static class TwinSerializer
{
    public static TwinRecord ToRecord(string id, string modelId, string etag, JsonObject twin)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, AdtJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("$dtId", id);
            writer.WriteString("$etag", etag);
            foreach (var (name, value) in twin)
            {
                if (name is "$dtId" or "$etag" or TwinMetadata.Key)
                {
                    continue;
                }
                writer.WritePropertyName(name);
                WriteValue(writer, value);
            }
            writer.WritePropertyName(TwinMetadata.Key);
            WriteValue(writer, TwinMetadata.Of(twin));
            writer.WriteEndObject();
        }
        return new TwinRecord(id, modelId, etag, buffer.WrittenSpan.ToArray());
    }

    /// <summary>A private, mutable copy of a stored twin to build its successor on.</summary>
    public static JsonObject ToDocument(TwinRecord record) => (JsonObject)JsonNode.Parse(record.Json)!;

    private static void WriteValue(Utf8JsonWriter writer, JsonNode? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            value.WriteTo(writer);
        }
    }
}
