using System.Collections.Concurrent;
using PlateletTwins.IngestionService.Durability;
using PlateletTwins.IngestionService.Twins;

namespace PlateletTwins.IngestionService.DeadLetters;

/// <summary>
/// Writes and events that failed for good. Nothing accepted is dropped: what cannot be written ends here, to be
/// replayed. The checkpoint stores each new letter in the same commit that retires the journal row it came from.
/// </summary>
internal sealed class DeadLetterStore(TimeProvider time)
{
    private readonly ConcurrentDictionary<long, DeadLetter> _letters = new();
    private readonly AwaitingCheckpoint<DeadLetter> _unsaved = new();
    private long _lastId;

    public int Count => _letters.Count;

    public IReadOnlyList<DeadLetter> List() => [.. _letters.Values.OrderBy(l => l.Id)];

    public DeadLetter Add(string twinId, string? runId, IEnumerable<KeyValuePair<string, PendingProperty>> properties, int updateCount, int status, string? errorCode, string reason)
    {
        var values = properties.ToDictionary(
            p => p.Key,
            p => new DeadLetterProperty(p.Value.Value.DeepClone(), p.Value.SourceTime, p.Value.Sequence),
            StringComparer.Ordinal);
        return Keep(new DeadLetter(Interlocked.Increment(ref _lastId), twinId, values, updateCount, status, errorCode, reason, time.GetUtcNow(), RunId: runId));
    }

    public DeadLetter AddEvent(Intake.DiscreteEvent discreteEvent, string? runId, int status, string? errorCode, string reason) =>
        Keep(new DeadLetter(Interlocked.Increment(ref _lastId), discreteEvent.TwinId, new Dictionary<string, DeadLetterProperty>(), 1,
            status, errorCode, reason, time.GetUtcNow(), discreteEvent, runId));

    public DeadLetter AddChange(Intake.TwinChange change, string? runId, int status, string? errorCode, string reason) =>
        Keep(new DeadLetter(Interlocked.Increment(ref _lastId), change.TwinId, new Dictionary<string, DeadLetterProperty>(), 1,
            status, errorCode, reason, time.GetUtcNow(), RunId: runId, Change: change));

    /// <summary>Takes a dead letter out of the store, to be replayed; null when there is none with that id.</summary>
    public DeadLetter? Take(long id) => _letters.TryRemove(id, out var letter) ? letter : null;

    /// <summary>Puts back a letter whose replay could not be made durable.</summary>
    public void Return(DeadLetter letter)
    {
        _letters[letter.Id] = letter;
        // A checkpoint may have passed it over while it was out.
        _unsaved.Add(letter);
    }

    /// <summary>The letters added since the last call and still here: the checkpoint stores them.</summary>
    internal List<DeadLetter> TakeUnsaved() => [.. _unsaved.TakeAll().Where(l => _letters.ContainsKey(l.Id))];

    /// <summary>Letters a failed checkpoint did not store: the next one does.</summary>
    internal void Requeue(IEnumerable<DeadLetter> letters) => _unsaved.Requeue(letters);

    /// <summary>A letter the database held at start.</summary>
    internal void Restore(DeadLetter letter)
    {
        _letters[letter.Id] = letter;
        // At start, before any letter is added: no race on the counter.
        _lastId = Math.Max(_lastId, letter.Id);
    }

    private DeadLetter Keep(DeadLetter letter)
    {
        _letters[letter.Id] = letter;
        _unsaved.Add(letter);
        return letter;
    }
}
