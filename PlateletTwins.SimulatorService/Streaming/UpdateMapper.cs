using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.SimulatorService.Devices;

namespace PlateletTwins.SimulatorService.Streaming;

/// <summary>Turns a device update into the intake's message: the device's twin, the Device model's property names, the simulated instant as source time.</summary>
internal static class UpdateMapper
{
    public static TwinUpdateMessage ToMessage(DeviceUpdate update, LabTwins twins, DateTimeOffset startTime, string? traceParent, DateTimeOffset createdAt) => new(
        twins.Device(update.DeviceId),
        update.Sequence,
        startTime.AddMinutes(update.SimulatedMinutes),
        new JsonObject
        {
            [DeviceModel.Status] = update.Status.ToString(),
            [DeviceModel.InUse] = update.InUse,
            [DeviceModel.QueueLength] = update.QueueLength,
            [DeviceModel.Utilization] = update.Utilization,
            [DeviceModel.IdleMinutes] = update.IdleMinutes,
            [DeviceModel.ProcessingMinutes] = update.ProcessingMinutes,
            [DeviceModel.BlockedMinutes] = update.BlockedMinutes,
            [DeviceModel.FailedMinutes] = update.FailedMinutes,
            [DeviceModel.TotalProcessed] = update.TotalProcessed,
            [DeviceModel.Failures] = update.Failures,
        },
        traceParent,
        createdAt);
}
