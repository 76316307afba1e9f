using PlateletTwins.ServiceDefaults.Configuration;
using PlateletTwins.SimulatorService.Lab.Running;

namespace PlateletTwins.SimulatorService.Streaming;

/// <summary>The POST /api/runs message of a run: its settings and its lab's devices and feeds, by their twin ids.</summary>
internal static class StartMessage
{
    public static RunStartMessage For(string runId, RunOptions run, string speed, DateTimeOffset startTime, bool lossless = false)
    {
        var lab = run.EffectiveLab;
        var twins = new LabTwins(lab);
        return new RunStartMessage(runId, (long)run.Seed, speed, startTime, new LabMessage(
            twins.Lab,
            lab.Name,
            [.. lab.Devices.Select(d => new DeviceMessage(twins.Device(d.Id), d.Type, d.Capacity))],
            [.. lab.Feeds().Select(f => new FeedMessage(twins.Device(f.From), twins.Device(f.To)))]),
            SettingNames.Of(run.Profile),
            lossless);
    }
}
