using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace PlateletTwins.IngestionService.Twins;

/// <summary>
/// The twins with something to write, served run by run in turn: each run (each lab streaming) has a lane of its own,
/// and the writer takes the next twin from the next lane with one. So however many twins a run at full speed has
/// waiting, another run's twin that becomes ready waits for at most one twin of each other run, not for all of them:
/// ADT's budgets are shared fairly between the labs. Within a lane, first come first served.
/// </summary>
internal sealed class ReadyTwins
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<TwinState>> _lanes = new(StringComparer.Ordinal);
    // The lanes that have twins, in the order they are served next; each is in it once.
    private readonly Queue<string> _turns = new();
    // One token per twin waiting: the writer's loops wait on it, and it wakes one of them per twin.
    private readonly Channel<byte> _tokens = Channel.CreateUnbounded<byte>();

    /// <summary>Twins waiting, over every lane.</summary>
    public int Count => _tokens.Reader.Count;

    public void Enqueue(TwinState state)
    {
        // A twin no run has written yet (restored at start, before its journal is replayed) shares one lane.
        var lane = state.RunId ?? "";
        lock (_lock)
        {
            if (!_lanes.TryGetValue(lane, out var queue))
            {
                _lanes[lane] = queue = new Queue<TwinState>();
            }
            if (queue.Count == 0)
            {
                _turns.Enqueue(lane);
            }
            queue.Enqueue(state);
        }
        _tokens.Writer.TryWrite(0);
    }

    public async IAsyncEnumerable<TwinState> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var _ in _tokens.Reader.ReadAllAsync(cancellationToken))
        {
            yield return Dequeue();
        }
    }

    private TwinState Dequeue()
    {
        lock (_lock)
        {
            var lane = _turns.Dequeue();
            var queue = _lanes[lane];
            var state = queue.Dequeue();
            if (queue.Count > 0)
            {
                _turns.Enqueue(lane);
            }
            else
            {
                _lanes.Remove(lane);
            }
            return state;
        }
    }
}
