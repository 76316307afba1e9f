using System.Collections.Concurrent;

namespace PlateletTwins.IngestionService.Intake;

/// <summary>The runs the intake has provisioned, and so the twins it accepts updates for.</summary>
public sealed class RunRegistry
{
    private readonly ConcurrentDictionary<string, RunStart> _runs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DeviceLayout> _devices = new(StringComparer.Ordinal);

    public void Register(RunStart run)
    {
        _runs[run.RunId] = run;
        foreach (var device in run.Lab.Devices)
        {
            _devices[device.Id] = device;
        }
    }

    public bool IsKnownRun(string runId) => _runs.ContainsKey(runId);

    /// <summary>The run whose own twin <paramref name="twinId"/> is, if it is one.</summary>
    public RunStart? Run(string twinId) => _runs.TryGetValue(twinId, out var run) ? run : null;

    public DeviceLayout? Device(string twinId) => _devices.TryGetValue(twinId, out var device) ? device : null;
}
