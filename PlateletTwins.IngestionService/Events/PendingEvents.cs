using System.Threading.Channels;
using PlateletTwins.IngestionService.Intake;

namespace PlateletTwins.IngestionService.Events;

/// <summary>Discrete events accepted by the intake, in the order they came, waiting to go to ADT's telemetry API.</summary>
public sealed class PendingEvents
{
    private readonly Channel<DiscreteEvent> _events = Channel.CreateUnbounded<DiscreteEvent>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<DiscreteEvent> Reader => _events.Reader;

    public void Enqueue(DiscreteEvent discreteEvent) => _events.Writer.TryWrite(discreteEvent);
}
