using StageValues = PlateletTwins.Dtdl.Lab.ProcessFlowModel.StageValues;

namespace PlateletTwins.SimulatorService.Lab.Model;

/// <summary>
/// One pool's journey through the lab, from the sterile connector to its end and its twin's deletion: the simulator's
/// own record of the pool, which its twin in ADT must match. Times are simulated minutes.
/// </summary>
internal sealed class PoolRecord(int number, string bloodGroup, IReadOnlyList<WholeBloodUnit> donations, double startTime, double shelfLifeMinutes)
{
    /// <summary>Counts the run's pools from 1, in the order they started.</summary>
    public int Number { get; } = number;

    /// <summary>The pool's id within the run, e.g. <c>P000123</c>.</summary>
    public string PoolId { get; } = $"P{number:D6}";

    public string BloodGroup { get; } = bloodGroup;

    /// <summary>The whole-blood units of its buffy coats, oldest collection first (ties: the earlier arrival).</summary>
    public IReadOnlyList<WholeBloodUnit> Donations { get; } = donations;

    public double StartTime { get; } = startTime;

    public double OldestCollectionTime => Donations[0].CollectionTime;

    /// <summary>The end of its shelf life: the oldest collection plus the lab's shelf life (7 days).</summary>
    public double ExpiryTime => OldestCollectionTime + shelfLifeMinutes;

    /// <summary>Every device the pool was handed to, in order: when it entered the device's input buffer, or the device when it has none.</summary>
    public List<PoolRouteStep> Route { get; } = new(8);

    /// <summary>The device that holds the pool now (in it or in its input buffer); null once it ended.</summary>
    public string? DeviceId => Outcome is null && Route.Count > 0 ? Route[^1].DeviceId : null;

    /// <summary>Its stage: the last device's, or <c>Released</c> / <c>Scrapped</c> at its end.</summary>
    public string Stage => Outcome switch
    {
        PoolOutcome.Released => StageValues.Released,
        PoolOutcome.Scrapped => StageValues.Scrapped,
        _ => Route[^1].Stage,
    };

    public PoolOutcome? Outcome { get; internal set; }

    public double? EndTime { get; internal set; }

    /// <summary>Why it was scrapped, e.g. <c>illuminator-01 failed</c>; null unless scrapped.</summary>
    public string? ScrapReason { get; internal set; }

    /// <summary>When its twin is due to be deleted: set at its end, by the run's retention.</summary>
    public double? DeletionDue { get; internal set; }

    /// <summary>When its twin was deleted; null while it exists (also when it outlives the run).</summary>
    public double? DeletedAt { get; internal set; }
}

/// <summary>One hand-off of a pool: the device, the stage it means, and when.</summary>
internal readonly record struct PoolRouteStep(string DeviceId, string Stage, double EnteredAt);

internal enum PoolOutcome
{
    Released,
    Scrapped,
}

internal enum PoolStepKind
{
    /// <summary>The sterile connector started it (its route has the connector).</summary>
    Started,

    /// <summary>It was handed to the next device (the last entry of its route).</summary>
    HandedOver,

    /// <summary>Released or scrapped.</summary>
    Ended,

    /// <summary>Its twin's retention is over.</summary>
    Deleted,
}

/// <summary>A step of a pool's lifecycle at simulated minute <see cref="At"/>; the record is as it is at that step only while the observer runs.</summary>
internal readonly record struct PoolStep(PoolStepKind Kind, PoolRecord Pool, double At);

/// <summary>
/// A run that follows its pools: each lifecycle step goes to <paramref name="Observer"/> as it happens. A released or
/// scrapped pool's twin is deleted at its expiry, or <paramref name="RetentionMinutes"/> after its end when set (0: at once).
/// </summary>
internal sealed record PoolTracking(Action<PoolStep> Observer, double? RetentionMinutes = null);
