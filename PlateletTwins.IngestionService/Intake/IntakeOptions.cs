using System.ComponentModel.DataAnnotations;
using PlateletTwins.ServiceDefaults.Configuration;

namespace PlateletTwins.IngestionService.Intake;

/// <summary>Configuration section <c>Intake</c>, checked when the service starts (<see cref="IntakeOptionsValidator"/>).</summary>
internal sealed class IntakeOptions
{
    /// <summary>The shared secret a producer sends in <see cref="IntakeKeyFilter.HeaderName"/>; the AppHost generates it.</summary>
    [Required(ErrorMessage = "{0} is empty: set the shared secret producers send (the AppHost generates it)")]
    public string Key { get; set; } = "";

    /// <summary>The largest request body the intake reads; a larger one is answered 413.</summary>
    [Range(1, long.MaxValue)]
    public long MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Updates accepted and not yet written, at most; beyond it a batch is answered 429.</summary>
    [Range(1, int.MaxValue)]
    public int MaxBacklog { get; set; } = 100_000;

    /// <summary>In a lossless run, the writes one twin may have queued; beyond it a batch with an update of that twin is answered 429.</summary>
    [Range(1, int.MaxValue)]
    public int MaxQueuedPerTwin { get; set; } = 50;

    /// <summary>What a 429 tells the producer to wait (as whole seconds, at least 1).</summary>
    [Range(typeof(TimeSpan), WaitRange.None, WaitRange.Longest)]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}
