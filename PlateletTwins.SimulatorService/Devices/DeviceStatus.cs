using System.Text.Json.Serialization;

namespace PlateletTwins.SimulatorService.Devices;

/// <summary>
/// The 4-state model; precedence Failed > Processing > Blocked > Idle. The names are the DTDL enum's values, so they
/// keep their case in any JSON, whatever its naming policy (the report's status shares are keyed by them).
/// </summary>
internal enum DeviceStatus
{
    [JsonStringEnumMemberName(nameof(Idle))]
    Idle,

    [JsonStringEnumMemberName(nameof(Processing))]
    Processing,

    [JsonStringEnumMemberName(nameof(Blocked))]
    Blocked,

    [JsonStringEnumMemberName(nameof(Failed))]
    Failed,
}
