using System.ComponentModel;
using PlateletTwins.ServiceDefaults.Configuration;

namespace PlateletTwins.SimulatorService.Lab.Running;

/// <summary>
/// How a run treats the lab (<c>--profile</c>, <c>Streaming:Profile</c>): <c>normal</c>, or <c>stress</c>. Sent and
/// reported by its documented name (<see cref="SettingNames"/>).
/// </summary>
[TypeConverter(typeof(NameConverter<RunProfile>))]
public enum RunProfile
{
    Normal,

    /// <summary>Every device's mean time between failures divided by 20.</summary>
    Stress,
}
