using System.Text.Json;
using PlateletTwins.MockAdt.Store;

namespace PlateletTwins.MockAdt.Query;

/// <summary>
/// A twin or relationship bound to an alias in a row. The document is parsed only when a property other than the
/// indexed ones ($dtId, the model, the relationship's ends) is read, and parsed once.
/// </summary>
internal sealed class QueryBinding
{
    private JsonElement? _root;

    private QueryBinding(TwinRecord? twin, RelationshipRecord? relationship)
    {
        Twin = twin;
        Relationship = relationship;
    }

    public static QueryBinding Of(TwinRecord twin) => new(twin, null);

    public static QueryBinding Of(RelationshipRecord relationship) => new(null, relationship);

    /// <summary>Any JSON document, e.g. an event's attributes for a route filter.</summary>
    public static QueryBinding Of(JsonElement document) => new(null, null) { _root = document };

    public TwinRecord? Twin { get; }

    public RelationshipRecord? Relationship { get; }

    public byte[] Json => Twin?.Json ?? Relationship?.Json ?? JsonSerializer.SerializeToUtf8Bytes(Root);

    // Not from a pooled JsonDocument: rows of a JOIN share bindings, so no row may dispose what another still reads.
    public JsonElement Root => _root ??= JsonSerializer.Deserialize<JsonElement>(Json);

    /// <summary>The value at <paramref name="segments"/> inside the document; the whole document when there are none.</summary>
    public QueryValue Read(IReadOnlyList<string> segments, int from)
    {
        if (segments.Count - from == 1)
        {
            // The indexed members, without parsing the document.
            switch (segments[from])
            {
                case "$dtId" when Twin is not null:
                    return QueryValue.Of(Twin.Id);
                case "$sourceId" when Relationship is not null:
                    return QueryValue.Of(Relationship.SourceId);
                case "$targetId" when Relationship is not null:
                    return QueryValue.Of(Relationship.TargetId);
                case "$relationshipName" when Relationship is not null:
                    return QueryValue.Of(Relationship.Name);
                case "$relationshipId" when Relationship is not null:
                    return QueryValue.Of(Relationship.Id);
            }
        }
        if (Twin is not null && segments.Count - from == 2 && segments[from] == "$metadata" && segments[from + 1] == "$model")
        {
            return QueryValue.Of(Twin.ModelId);
        }
        if (_root is null && segments.Count > from)
        {
            return ReadStored(Json, segments, from);
        }
        var element = Root;
        for (var i = from; i < segments.Count; i++)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(segments[i], out element))
            {
                return QueryValue.Undefined;
            }
        }
        return QueryValue.Of(element);
    }

    /// <summary>
    /// A value read from the stored document without building all of it: a scan's row reads a few of its properties
    /// and is dropped, so the reader skips to the top-level property and only that value is parsed (the same value,
    /// and the same <see cref="JsonElement"/>, that the whole document would give).
    /// </summary>
    private static QueryValue ReadStored(byte[] json, IReadOnlyList<string> segments, int from)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 2 * Protocol.StrictJson.MaxDepth });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return QueryValue.Undefined;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var found = reader.ValueTextEquals(segments[from]);
            reader.Read();
            if (!found)
            {
                reader.Skip();
                continue;
            }
            var element = JsonElement.ParseValue(ref reader);
            for (var i = from + 1; i < segments.Count; i++)
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(segments[i], out element))
                {
                    return QueryValue.Undefined;
                }
            }
            return QueryValue.Of(element);
        }
        return QueryValue.Undefined;
    }
}
