namespace PlateletTwins.MockAdt.Store;

/// <summary>
/// One stored twin, immutable: its JSON as ADT returns it (already serialized, so a GET copies bytes) and the
/// fields the store indexes. A write builds a new record and swaps it in.
/// </summary>
internal sealed record TwinRecord(string Id, string ModelId, string ETag, byte[] Json)
{
    /// <summary>When the record was stored (timestamp ticks); kept only when queries lag behind writes.</summary>
    public long WrittenAt { get; init; }

    /// <summary>The version this one replaced, while queries may still see it; null otherwise.</summary>
    public TwinRecord? Previous { get; init; }
}
