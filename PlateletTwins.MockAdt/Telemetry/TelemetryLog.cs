using System.Collections.Concurrent;

namespace PlateletTwins.MockAdt.Telemetry;

/// <summary>
/// The telemetry MockAdt took, most recent first and bounded, with ADT's de-duplication: a Message-Id seen before on
/// the same twin is not taken again, so a client's retry is not a duplicate.
/// </summary>
internal sealed class TelemetryLog
{
    public const int Capacity = 10_000;

    private readonly ConcurrentQueue<TelemetryMessage> _messages = new();
    private readonly ConcurrentDictionary<(string TwinId, string MessageId), byte> _seen = new();
    private readonly ConcurrentQueue<(string, string)> _seenOrder = new();

    /// <summary>Takes a message; false when its Message-Id was already taken for that twin.</summary>
    public bool Add(TelemetryMessage message)
    {
        var key = (message.TwinId, message.MessageId);
        if (!_seen.TryAdd(key, 0))
        {
            return false;
        }
        _seenOrder.Enqueue(key);
        _messages.Enqueue(message);
        while (_messages.Count > Capacity && _messages.TryDequeue(out _))
        {
        }
        while (_seenOrder.Count > Capacity * 10 && _seenOrder.TryDequeue(out var old))
        {
            _seen.TryRemove(old, out _);
        }
        return true;
    }

    public IReadOnlyList<TelemetryMessage> Recent(string? twinId, int max) =>
        [.. _messages.Reverse().Where(m => twinId is null || m.TwinId == twinId).Take(max)];
}
