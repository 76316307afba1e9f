namespace PlateletTwins.SimulatorService.Devices;

/// <summary>
/// What the lab reports happening on a device. Sent by name (<see cref="Enum.ToString()"/>) as the event's
/// <c>type</c>: the names are what ADT's event telemetry and the live view show.
/// </summary>
internal enum DeviceEventType
{
    Failed,
    Repaired,
    PoolReleased,
    PoolsScrapped,
}
