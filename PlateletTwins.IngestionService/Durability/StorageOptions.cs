using System.ComponentModel.DataAnnotations;
using PlateletTwins.ServiceDefaults.Configuration;

namespace PlateletTwins.IngestionService.Durability;

/// <summary>
/// Configuration section <c>Storage</c>: where the service keeps what it has accepted and not yet written; checked when
/// the service starts (<see cref="StorageOptionsValidator"/>).
/// </summary>
internal sealed class StorageOptions
{
    /// <summary>
    /// The folder of the service's SQLite database. Unset: the database lives in memory and nothing survives the
    /// process (a warning says so at start); the producer's end-to-end acknowledgement still recovers what was lost.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// How often acknowledgements, retired journal entries and dead letters are made durable: from 1 ms (0 would commit
    /// without a pause) to the longest wait a timer takes, 2^32 − 2 ms (about 49.7 days).
    /// </summary>
    [Range(typeof(TimeSpan), WaitRange.ShortestPeriod, WaitRange.Longest)]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
