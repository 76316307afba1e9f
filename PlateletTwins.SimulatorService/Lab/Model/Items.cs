namespace PlateletTwins.SimulatorService.Lab.Model;

/// <summary>Something that moves through the lab. <see cref="CollectionTime"/> is the (oldest) donation it comes from.</summary>
internal abstract class Item(long id, double collectionTime)
{
    public long Id { get; } = id;

    public double CollectionTime { get; } = collectionTime;

    /// <summary>When it entered the buffer it is in; batch devices measure their wait from it.</summary>
    public double EnteredBufferAt { get; set; }
}

/// <summary>A whole-blood unit; <see cref="Number"/> counts the run's units from 1 in arrival order.</summary>
internal sealed class WholeBloodUnit(long id, double collectionTime, int abo, bool eligible, int number) : Item(id, collectionTime)
{
    public int Abo { get; } = abo;

    public bool Eligible { get; } = eligible;

    public int Number { get; } = number;

    /// <summary>The unit's stable id within the run, e.g. <c>WB000042</c>: a pool's donations name it.</summary>
    public string UnitId => $"WB{Number:D6}";
}

internal sealed class BuffyCoat(long id, WholeBloodUnit unit, double restStart) : Item(id, unit.CollectionTime)
{
    /// <summary>The whole-blood unit it was separated from: the donation a pool of it traces back to.</summary>
    public WholeBloodUnit Unit { get; } = unit;

    public int Abo => Unit.Abo;

    /// <summary>The end of separation: the rest counts from here.</summary>
    public double RestStart { get; } = restStart;
}

internal sealed class Pool(long id, double oldestCollection, double startedAt) : Item(id, oldestCollection)
{
    public double StartedAt { get; } = startedAt;

    /// <summary>Its journey, kept only when the run follows pools (<see cref="PoolTracking"/>).</summary>
    public PoolRecord? Record { get; init; }
}
