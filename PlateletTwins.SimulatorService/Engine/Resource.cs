namespace PlateletTwins.SimulatorService.Engine;

/// <summary>A resource of <see cref="Capacity"/> slots: a request is granted when a slot is free, first come, first served.</summary>
public sealed class Resource(Simulation simulation, int capacity)
{
    private readonly Queue<Event> _waiting = new();

    public int Capacity { get; } = capacity;

    public int InUse { get; private set; }

    public int QueueLength => _waiting.Count;

    public Event Request()
    {
        var request = new Event(simulation);
        if (InUse < Capacity)
        {
            InUse++;
            request.Succeed();
        }
        else
        {
            _waiting.Enqueue(request);
        }
        return request;
    }

    public void Release()
    {
        if (_waiting.TryDequeue(out var next))
        {
            next.Succeed();
        }
        else
        {
            InUse--;
        }
    }
}
