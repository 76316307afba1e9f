namespace PlateletTwins.SimulatorService.Devices;

/// <summary>The 4-state model; precedence Failed > Processing > Blocked > Idle.</summary>
public enum DeviceStatus
{
    Idle,
    Processing,
    Blocked,
    Failed,
}
