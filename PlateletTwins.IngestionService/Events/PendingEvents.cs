using System.Threading.Channels;
using PlateletTwins.IngestionService.Durability;
using PlateletTwins.IngestionService.Intake;
using PlateletTwins.IngestionService.Runs;

namespace PlateletTwins.IngestionService.Events;

/// <summary>Discrete events accepted by the intake, in the order they came, waiting to go to ADT's telemetry API.</summary>
internal sealed class PendingEvents
{
    private readonly Channel<PendingEvent> _events = Channel.CreateUnbounded<PendingEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly AwaitingCheckpoint<AcknowledgedEvent> _acknowledged = new();

    public ChannelReader<PendingEvent> Reader => _events.Reader;

    public void Enqueue(PendingEvent pending) => _events.Writer.TryWrite(pending);

    /// <summary>ADT took the event, or refused it for good: its journal row is released, and the checkpoint records it.</summary>
    public void Done(PendingEvent pending, bool deadLettered)
    {
        pending.Run?.Progress.OnEventAcknowledged(deadLettered);
        _acknowledged.Add(new AcknowledgedEvent(pending.Run?.RunId ?? "", pending.Event.EventId, deadLettered));
        pending.Batch?.Release();
    }

    /// <summary>The events done with since the last call: the checkpoint stores them.</summary>
    internal List<AcknowledgedEvent> TakeAcknowledged() => _acknowledged.TakeAll();

    /// <summary>Acknowledgements a failed checkpoint did not store: the next one does.</summary>
    internal void Requeue(IEnumerable<AcknowledgedEvent> done) => _acknowledged.Requeue(done);
}

/// <summary>An accepted event, with the journal row that keeps it and the run it belongs to.</summary>
internal sealed record PendingEvent(DiscreteEvent Event, JournalBatch? Batch, RunRecord? Run);

/// <summary>An event done with: sent to ADT, or dead-lettered.</summary>
internal sealed record AcknowledgedEvent(string RunId, string EventId, bool DeadLettered);
