using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using PlateletTwins.IngestionService.Twins;

namespace PlateletTwins.IngestionService.DeadLetters;

/// <summary>Writes that failed for good. Nothing accepted is dropped: what cannot be written ends here.</summary>
public sealed class DeadLetterStore(TimeProvider time)
{
    private readonly ConcurrentQueue<DeadLetter> _letters = new();
    private long _nextId;

    public int Count => _letters.Count;

    public IReadOnlyList<DeadLetter> List() => [.. _letters];

    public DeadLetter Add(string twinId, PendingWrite write, int status, string? errorCode, string reason)
    {
        var properties = new JsonObject();
        foreach (var (name, property) in write.Properties)
        {
            properties[name] = property.Value.DeepClone();
        }
        var letter = new DeadLetter(Interlocked.Increment(ref _nextId), twinId, properties, write.UpdateCount, status, errorCode, reason, time.GetUtcNow());
        _letters.Enqueue(letter);
        return letter;
    }
}
