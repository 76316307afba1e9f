using PlateletTwins.SimulatorService.Lab.Configuration;
using PlateletTwins.SimulatorService.Lab.Model;

namespace PlateletTwins.SimulatorService.Lab.Running;

/// <summary>What a headless run does.</summary>
internal sealed record RunOptions
{
    public double Hours { get; init; } = 36;

    public ulong Seed { get; init; } = 1;

    public int Replications { get; init; } = 1;

    public RunProfile Profile { get; init; } = RunProfile.Normal;

    public LabConfig Lab { get; init; } = ReferenceLab.Create();

    /// <summary>
    /// How long a released or scrapped pool's twin is kept after its end (zero: deleted at once); null: until the
    /// pool's expiry, while its product is in shelf life.
    /// </summary>
    public TimeSpan? PoolRetention { get; init; }

    /// <summary>The pools' tracking for an observer, with this run's retention.</summary>
    public PoolTracking PoolTracking(Action<PoolStep> observer) => new(observer, PoolRetention?.TotalMinutes);

    /// <summary>The lab as run: the profile applied.</summary>
    public LabConfig EffectiveLab => Profile switch
    {
        RunProfile.Normal => Lab,
        RunProfile.Stress => ReferenceLab.Stress(Lab),
        _ => throw new ArgumentOutOfRangeException(nameof(Profile), Profile, "normal or stress"),
    };
}
