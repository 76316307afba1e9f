namespace PlateletTwins.SimulatorService.Streaming;

/// <summary>Configuration section <c>Streaming</c>: where updates go and how the run maps to wall-clock time.</summary>
public sealed class StreamingOptions
{
    /// <summary>The ingestion service's base address; a service-discovery name under the AppHost.</summary>
    public Uri IngestionUrl { get; set; } = new("https+http://ingestion");

    /// <summary>The intake's shared key (the AppHost generates it).</summary>
    public string IntakeKey { get; set; } = "";

    /// <summary>The wall-clock instant of simulated time zero: the source time of the run's first updates. Default: today, 07:00 UTC.</summary>
    public DateTimeOffset? StartTime { get; set; }

    public long Seed { get; set; } = 1;

    /// <summary>1 = wall clock, 60 = a simulated minute per second, <c>max</c> = as fast as ingestion accepts.</summary>
    public string Speed { get; set; } = "60";

    /// <summary>The pause before a refused or failed batch is offered again, when the intake gives no Retry-After.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
