namespace PlateletTwins.SimulatorService.Devices;

/// <summary>Something that happened on a device at a simulated instant: Failed, Repaired, PoolReleased, PoolsScrapped.</summary>
public sealed record DeviceEvent(string DeviceId, double SimulatedMinutes, string Type, string Detail);
