using System.Text.Json.Nodes;
using PlateletTwins.SimulatorService.Devices;

namespace PlateletTwins.SimulatorService.Streaming;

/// <summary>Turns a device update into the intake's message: the Device model's property names, the simulated instant as source time.</summary>
public static class UpdateMapper
{
    public static TwinUpdateMessage ToMessage(DeviceUpdate update, DateTimeOffset startTime, string? traceParent, DateTimeOffset createdAt) => new(
        update.DeviceId,
        update.Sequence,
        startTime.AddMinutes(update.SimulatedMinutes),
        new JsonObject
        {
            ["status"] = update.Status.ToString(),
            ["inUse"] = update.InUse,
            ["queueLength"] = update.QueueLength,
            ["utilization"] = update.Utilization,
            ["idleMinutes"] = update.IdleMinutes,
            ["processingMinutes"] = update.ProcessingMinutes,
            ["blockedMinutes"] = update.BlockedMinutes,
            ["failedMinutes"] = update.FailedMinutes,
            ["totalProcessed"] = update.TotalProcessed,
            ["failures"] = update.Failures,
        },
        traceParent,
        createdAt);
}
