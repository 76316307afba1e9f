namespace PlateletTwins.Dtdl.Lab;

/// <summary>
/// The Device model of <c>dtdl/Device.json</c>, named once for the solution: its id and every content's name (a test
/// holds these to the model, both ways). Each device type has a model of its own that extends it.
/// </summary>
public static class DeviceModel
{
    public const string Id = "dtmi:platelettwins:Device;1";

    public const string DeviceType = "deviceType";
    public const string Status = "status";
    public const string Capacity = "capacity";
    public const string InUse = "inUse";
    public const string QueueLength = "queueLength";
    public const string Utilization = "utilization";
    public const string IdleMinutes = "idleMinutes";
    public const string ProcessingMinutes = "processingMinutes";
    public const string BlockedMinutes = "blockedMinutes";
    public const string FailedMinutes = "failedMinutes";
    public const string TotalProcessed = "totalProcessed";
    public const string Failures = "failures";
    public const string Location = "location";
    public const string Position = "position";
    public const string Rotation = "rotation";

    /// <summary>Telemetry: a discrete event of the device (<c>{"type", "detail"}</c>).</summary>
    public const string Event = "event";

    /// <summary>Relationship: finished items of this device go on to the target device.</summary>
    public const string Feeds = "feeds";

    /// <summary>The model of a device type, in <c>dtdl/devices/</c>: <c>Centrifuge</c> → <c>dtmi:platelettwins:devices:Centrifuge;1</c>.</summary>
    public static string ModelIdOf(string deviceType) => $"dtmi:platelettwins:devices:{deviceType};1";
}
