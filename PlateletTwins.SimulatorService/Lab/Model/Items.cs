namespace PlateletTwins.SimulatorService.Lab.Model;

/// <summary>Something that moves through the lab. <see cref="CollectionTime"/> is the (oldest) donation it comes from.</summary>
public abstract class Item(long id, double collectionTime)
{
    public long Id { get; } = id;

    public double CollectionTime { get; } = collectionTime;

    /// <summary>When it entered the buffer it is in; batch devices measure their wait from it.</summary>
    public double EnteredBufferAt { get; set; }
}

public sealed class WholeBloodUnit(long id, double collectionTime, int abo, bool eligible) : Item(id, collectionTime)
{
    public int Abo { get; } = abo;

    public bool Eligible { get; } = eligible;
}

public sealed class BuffyCoat(long id, double collectionTime, int abo, double restStart) : Item(id, collectionTime)
{
    public int Abo { get; } = abo;

    /// <summary>The end of separation: the rest counts from here.</summary>
    public double RestStart { get; } = restStart;
}

public sealed class Pool(long id, double oldestCollection, double startedAt) : Item(id, oldestCollection)
{
    public double StartedAt { get; } = startedAt;
}
