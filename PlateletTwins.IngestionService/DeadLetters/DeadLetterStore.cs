using System.Collections.Concurrent;
using PlateletTwins.IngestionService.Twins;

namespace PlateletTwins.IngestionService.DeadLetters;

/// <summary>Writes that failed for good. Nothing accepted is dropped: what cannot be written ends here, to be replayed.</summary>
public sealed class DeadLetterStore(TimeProvider time)
{
    private readonly ConcurrentDictionary<long, DeadLetter> _letters = new();
    private long _nextId;

    public int Count => _letters.Count;

    public IReadOnlyList<DeadLetter> List() => [.. _letters.Values.OrderBy(l => l.Id)];

    public DeadLetter Add(string twinId, PendingWrite write, int status, string? errorCode, string reason)
    {
        var properties = write.Properties.ToDictionary(
            p => p.Key,
            p => new DeadLetterProperty(p.Value.Value.DeepClone(), p.Value.SourceTime, p.Value.Sequence),
            StringComparer.Ordinal);
        var letter = new DeadLetter(Interlocked.Increment(ref _nextId), twinId, properties, write.UpdateCount, status, errorCode, reason, time.GetUtcNow());
        _letters[letter.Id] = letter;
        return letter;
    }

    public DeadLetter AddEvent(Intake.DiscreteEvent discreteEvent, int status, string? errorCode, string reason)
    {
        var letter = new DeadLetter(Interlocked.Increment(ref _nextId), discreteEvent.TwinId, new Dictionary<string, DeadLetterProperty>(), 1,
            status, errorCode, reason, time.GetUtcNow(), discreteEvent);
        _letters[letter.Id] = letter;
        return letter;
    }

    /// <summary>Takes a dead letter out of the store, to be replayed; null when there is none with that id.</summary>
    public DeadLetter? Take(long id) => _letters.TryRemove(id, out var letter) ? letter : null;
}
