namespace PlateletTwins.IngestionService.Twins;

/// <summary>How a write to ADT ended.</summary>
internal enum WriteOutcome
{
    /// <summary>ADT took it (some properties may have been refused for good and dead-lettered on their own).</summary>
    Written,

    /// <summary>It failed for now (throttled, unreachable, the twin being re-provisioned): its values wait for the next write.</summary>
    RetryLater,

    /// <summary>ADT refused all of it for good: it is in the dead letters.</summary>
    DeadLettered,
}
