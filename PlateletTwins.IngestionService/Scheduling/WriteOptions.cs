using System.ComponentModel.DataAnnotations;

namespace PlateletTwins.IngestionService.Scheduling;

/// <summary>
/// Configuration section <c>Writes</c>: how fast and how widely the service writes to ADT. Defaults: ADT's documented
/// limits. Checked when the service starts (<see cref="WriteOptionsValidator"/>).
/// </summary>
internal sealed class WriteOptions
{
    /// <summary>Patches a second across the instance (ADT: 1,000).</summary>
    [Range(0d, double.MaxValue, MinimumIsExclusive = true)]
    public double InstanceRate { get; set; } = 1000;

    /// <summary>Creates and deletes a second across the instance, twins and relationships alike (ADT: 500).</summary>
    [Range(0d, double.MaxValue, MinimumIsExclusive = true)]
    public double CreateDeleteRate { get; set; } = 500;

    /// <summary>Writes a second to one twin (ADT: 10, not adjustable).</summary>
    [Range(0d, double.MaxValue, MinimumIsExclusive = true)]
    public double PerTwinRate { get; set; } = 10;

    /// <summary>
    /// How far ahead a write may book its twins' budgets. Further ahead, a busy twin's budget would go in the order writes
    /// asked however late they need it: pools entering a device would hold the slots that those leaving it need, and
    /// the line would stall. Nearer, a write joining two busy twins is passed over each time one of them is free.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "10675199.02:48:05.4775807")]
    public TimeSpan BookingHorizon { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The rate the instance budget falls to, at most, after repeated 429s.</summary>
    [Range(0d, double.MaxValue, MinimumIsExclusive = true)]
    public double MinimumRate { get; set; } = 10;

    /// <summary>Writes in flight at once.</summary>
    [Range(1, int.MaxValue)]
    public int Concurrency { get; set; } = 32;
}
