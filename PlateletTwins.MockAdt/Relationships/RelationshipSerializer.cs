using System.Text.Json;
using System.Text.Json.Nodes;
using PlateletTwins.MockAdt.Protocol;
using PlateletTwins.MockAdt.Store;

namespace PlateletTwins.MockAdt.Relationships;

/// <summary>Relationships in the service's member order: <c>$relationshipId, $etag, $sourceId, $relationshipName, $targetId</c>, then properties.</summary>
internal static class RelationshipSerializer
{
    public static RelationshipRecord ToRecord(string sourceId, string id, string name, string targetId, string etag, JsonObject properties)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, AdtJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("$relationshipId", id);
            writer.WriteString("$etag", etag);
            writer.WriteString("$sourceId", sourceId);
            writer.WriteString("$relationshipName", name);
            writer.WriteString("$targetId", targetId);
            foreach (var (property, value) in properties)
            {
                if (property.StartsWith('$'))
                {
                    continue;
                }
                writer.WritePropertyName(property);
                if (value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer);
                }
            }
            writer.WriteEndObject();
        }
        return new RelationshipRecord(sourceId, id, name, targetId, etag, buffer.WrittenSpan.ToArray());
    }

    /// <summary>The relationship's own properties, as a private mutable copy.</summary>
    public static JsonObject Properties(RelationshipRecord record)
    {
        var json = (JsonObject)JsonNode.Parse(record.Json)!;
        foreach (var key in json.Select(p => p.Key).Where(k => k.StartsWith('$')).ToList())
        {
            json.Remove(key);
        }
        return json;
    }

    /// <summary>An item of the incoming-relationships list.</summary>
    public static JsonObject Incoming(RelationshipRecord record) => new()
    {
        ["$relationshipId"] = record.Id,
        ["$sourceId"] = record.SourceId,
        ["$relationshipName"] = record.Name,
        // Unverified: the live service's link format; the REST spec's example is a path of this shape.
        ["$relationshipLink"] = $"/digitaltwins/{Uri.EscapeDataString(record.SourceId)}/relationships/{Uri.EscapeDataString(record.Id)}",
    };
}
