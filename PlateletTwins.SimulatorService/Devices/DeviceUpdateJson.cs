using System.Globalization;
using System.Text;

namespace PlateletTwins.SimulatorService.Devices;

/// <summary>A device update as one line of JSON (the <c>--trace</c> file), written the same way on every machine.</summary>
internal static class DeviceUpdateJson
{
    public static string Line(DeviceUpdate u)
    {
        var line = new StringBuilder(256);
        var c = CultureInfo.InvariantCulture;
        line.Append(c, $"{{\"deviceId\":\"{u.DeviceId}\",\"sequence\":{u.Sequence},\"minute\":{u.SimulatedMinutes.ToString("R", c)},");
        line.Append(c, $"\"status\":\"{u.Status}\",\"inUse\":{u.InUse},\"queueLength\":{u.QueueLength},\"utilization\":{u.Utilization.ToString("R", c)},");
        line.Append(c, $"\"idleMinutes\":{u.IdleMinutes.ToString("R", c)},\"processingMinutes\":{u.ProcessingMinutes.ToString("R", c)},");
        line.Append(c, $"\"blockedMinutes\":{u.BlockedMinutes.ToString("R", c)},\"failedMinutes\":{u.FailedMinutes.ToString("R", c)},");
        line.Append(c, $"\"totalProcessed\":{u.TotalProcessed},\"failures\":{u.Failures}}}");
        return line.ToString();
    }
}
