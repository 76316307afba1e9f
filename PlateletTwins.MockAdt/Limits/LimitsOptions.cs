using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using PlateletTwins.ServiceDefaults.Configuration;

namespace PlateletTwins.MockAdt.Limits;

/// <summary>
/// Configuration section <c>MockAdt:Limits</c>, checked when MockAdt starts (<see cref="LimitsOptionsValidator"/>).
/// <see cref="Profile"/> is <c>off</c> (default: only the functional limits), <c>cloud</c> (ADT's documented rate
/// limits) or <c>chaos</c> (cloud plus injected faults).
/// </summary>
internal sealed class LimitsOptions
{
    public LimitProfile Profile { get; set; } = LimitProfile.Off;

    public bool RatesEnforced => Profile is LimitProfile.Cloud or LimitProfile.Chaos;

    public bool FaultsInjected => Profile == LimitProfile.Chaos;

    /// <summary>The rates of ADT's service limits page (2025-01), per second, for the whole instance.</summary>
    [ValidateObjectMembers]
    public RateLimits Rates { get; set; } = new();

    [ValidateObjectMembers]
    public ChaosOptions Chaos { get; set; } = new();

    /// <summary>How long a write takes to show in query results under the cloud profile (ADT documents up to 10 s).</summary>
    [Range(typeof(TimeSpan), WaitRange.None, WaitRange.Longest)]
    public TimeSpan QueryLag { get; set; } = TimeSpan.FromSeconds(2);
}

internal sealed class RateLimits
{
    [Range(0d, double.MaxValue, MinimumIsExclusive = true)]
    public double DigitalTwinReads { get; set; } = 1000;

    [Range(0d, double.MaxValue, MinimumIsExclusive = true)]
    public double DigitalTwinPatches { get; set; } = 1000;

    /// <summary>Creates and deletes of twins and relationships across the instance.</summary>
    [Range(0d, double.MaxValue, MinimumIsExclusive = true)]
    public double CreatesAndDeletes { get; set; } = 500;

    /// <summary>Create, update and delete operations on one twin, its relationships included; not adjustable on ADT.</summary>
    [Range(0d, double.MaxValue, MinimumIsExclusive = true)]
    public double WritesPerTwin { get; set; } = 10;

    [Range(0d, double.MaxValue, MinimumIsExclusive = true)]
    public double Models { get; set; } = 100;

    [Range(0d, double.MaxValue, MinimumIsExclusive = true)]
    public double Queries { get; set; } = 500;

    [Range(0d, double.MaxValue, MinimumIsExclusive = true)]
    public double EventRoutes { get; set; } = 100;

    /// <summary>The Jobs API (import and delete jobs): 1 request a second.</summary>
    [Range(0d, double.MaxValue, MinimumIsExclusive = true)]
    public double Jobs { get; set; } = 1;
}

/// <summary>Faults injected under the chaos profile, each a probability per request.</summary>
internal sealed class ChaosOptions
{
    [Range(0.0, 1.0)]
    public double ThrottleRate { get; set; } = 0.05;

    [Range(0.0, 1.0)]
    public double ServiceUnavailableRate { get; set; } = 0.05;

    [Range(0.0, 1.0)]
    public double DropConnectionRate { get; set; } = 0.02;

    [Range(0.0, 1.0)]
    public double LatencyRate { get; set; } = 0.10;

    /// <summary>The longest a delayed request waits; each delay is drawn up to it.</summary>
    [Range(typeof(TimeSpan), WaitRange.None, WaitRange.Longest)]
    public TimeSpan MaxLatency { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Seeds the fault draws, so a failing run can be repeated.</summary>
    public int Seed { get; set; } = 1;
}

/// <summary><see cref="LimitsOptions"/>' annotations, checked when MockAdt starts: a rate of 0 would refuse every request, a probability above 1 is none.</summary>
[OptionsValidator]
internal sealed partial class LimitsOptionsValidator : IValidateOptions<LimitsOptions>;
