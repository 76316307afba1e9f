using System.ComponentModel.DataAnnotations;
using PlateletTwins.ServiceDefaults.Configuration;
using PlateletTwins.SimulatorService.Lab.Running;

namespace PlateletTwins.SimulatorService.Streaming;

/// <summary>
/// Configuration section <c>Streaming</c>: where updates go, how the run maps to wall-clock time, how they are batched;
/// checked when the service starts (<see cref="StreamingOptionsValidator"/>).
/// </summary>
internal sealed class StreamingOptions
{
    /// <summary>The ingestion service's base address; a service-discovery name under the AppHost.</summary>
    public Uri IngestionUrl { get; set; } = new("https+http://ingestion");

    /// <summary>The intake's shared key (the AppHost generates it).</summary>
    [Required(ErrorMessage = "{0} is empty: set the intake's shared key (the AppHost generates it)")]
    public string IntakeKey { get; set; } = "";

    /// <summary>The wall-clock instant of simulated time zero: the source time of the run's first updates. Default: today, 07:00 UTC.</summary>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>The first lab's seed; each next lab of <see cref="LabFiles"/> takes one more (<see cref="TelemetryStreamer.SeedOf"/>).</summary>
    public ulong Seed { get; set; } = 1;

    /// <summary>
    /// The lab files to stream (docs/lab-file.md), each a run of its own, all at once (<c>Streaming:LabFiles:0</c>,
    /// <c>:1</c>…); none: the reference lab. Every file is checked before any run starts.
    /// </summary>
    public List<string> LabFiles { get; set; } = [];

    /// <summary>Simulated hours the run covers.</summary>
    [Range(0d, double.MaxValue, MinimumIsExclusive = true)]
    public double Hours { get; set; } = 36;

    /// <summary><c>normal</c> or <c>stress</c>.</summary>
    public RunProfile Profile { get; set; } = RunProfile.Normal;

    /// <summary>1 = wall clock, 60 = a simulated minute per second, <c>max</c> = as fast as ingestion accepts.</summary>
    public string Speed { get; set; } = "60";

    /// <summary>
    /// Every update reaches ADT as it was made (none coalesced), so ADT's data history holds every change; the intake
    /// paces the run to ADT's 10 writes a second per twin. Off by default: the twins then show the latest state at any
    /// speed, and a busy twin's updates within its budget are folded into one write.
    /// </summary>
    public bool Lossless { get; set; }

    /// <summary>Pools are streamed as ProcessFlow twins: created, moved with <c>processedBy</c>, ended and deleted. On by default.</summary>
    public bool Pools { get; set; } = true;

    /// <summary>
    /// How long a released or scrapped pool's twin is kept after its end (<c>00:00:00</c>: deleted at once); unset: until
    /// the pool's expiry (7 days after its oldest collection), while its product is in shelf life. Simulated time.
    /// </summary>
    public TimeSpan? PoolRetention { get; set; }

    /// <summary>
    /// A folder for each streamed run's report (<c>&lt;runId&gt;.json</c>): what became of its updates and events and the
    /// last state sent of every twin, written once ADT has acknowledged everything. Unset: no report.
    /// </summary>
    public string? ReportDirectory { get; set; }

    /// <summary>How often the end of a run asks the intake what has reached ADT.</summary>
    [Range(typeof(TimeSpan), WaitRange.ShortestPeriod, WaitRange.Longest)]
    public TimeSpan AcknowledgementPoll { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>A batch goes when it has this many updates…</summary>
    [Range(1, int.MaxValue)]
    public int BatchSize { get; set; } = 500;

    /// <summary>…or when its first update has waited this long.</summary>
    [Range(typeof(TimeSpan), WaitRange.ShortestPeriod, WaitRange.Longest)]
    public TimeSpan BatchInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Updates produced and not yet sent, at most; beyond it the simulation waits.</summary>
    [Range(1, int.MaxValue)]
    public int MaxBacklog { get; set; } = 5000;

    /// <summary>The pause before a refused or failed batch is offered again, when the intake gives no Retry-After.</summary>
    [Range(typeof(TimeSpan), WaitRange.ShortestPeriod, WaitRange.Longest)]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long one request to the intake may take; then it is given up and offered again like a failed one, so that a
    /// hung intake (a frozen process) holds a batch this long, not HttpClient's 100 s. At most HttpClient's own bound.
    /// </summary>
    [Range(typeof(TimeSpan), WaitRange.ShortestPeriod, "24.20:31:23.647")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Simulated minutes per wall-clock second; +∞ for <c>max</c>.</summary>
    public double MinutesPerSecond => Speed.Equals("max", StringComparison.OrdinalIgnoreCase)
        ? double.PositiveInfinity
        : double.Parse(Speed, System.Globalization.CultureInfo.InvariantCulture) / 60;
}
