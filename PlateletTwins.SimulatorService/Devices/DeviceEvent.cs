namespace PlateletTwins.SimulatorService.Devices;

/// <summary>Something that happened on a device at a simulated instant.</summary>
internal sealed record DeviceEvent(string DeviceId, double SimulatedMinutes, DeviceEventType Type, string Detail);
