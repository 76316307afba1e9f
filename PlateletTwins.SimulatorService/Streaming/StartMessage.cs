using PlateletTwins.SimulatorService.Lab.Running;

namespace PlateletTwins.SimulatorService.Streaming;

/// <summary>The POST /api/runs message of a run: its settings and its lab's devices and feeds.</summary>
public static class StartMessage
{
    public static RunStartMessage For(string runId, RunOptions run, string speed, DateTimeOffset startTime, bool lossless = false)
    {
        var lab = run.EffectiveLab;
        return new RunStartMessage(runId, (long)run.Seed, speed, startTime, new LabMessage(
            lab.Id,
            lab.Name,
            [.. lab.Devices.Select(d => new DeviceMessage(d.Id, d.Type, d.Capacity))],
            [.. lab.Feeds().Select(f => new FeedMessage(f.From, f.To))]),
            run.Profile,
            lossless);
    }
}
