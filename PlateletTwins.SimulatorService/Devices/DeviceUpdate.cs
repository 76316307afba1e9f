namespace PlateletTwins.SimulatorService.Devices;

/// <summary>
/// A device's state at one simulated instant, with the Device model's twin properties. Produced on every change
/// of status, inUse or queueLength.
/// </summary>
internal sealed record DeviceUpdate(
    string DeviceId,
    long Sequence,
    double SimulatedMinutes,
    DeviceStatus Status,
    int InUse,
    int QueueLength,
    double Utilization,
    double IdleMinutes,
    double ProcessingMinutes,
    double BlockedMinutes,
    double FailedMinutes,
    int TotalProcessed,
    int Failures);
