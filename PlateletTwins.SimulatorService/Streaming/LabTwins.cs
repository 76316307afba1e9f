using PlateletTwins.Dtdl;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.SimulatorService.Lab.Configuration;

namespace PlateletTwins.SimulatorService.Streaming;

/// <summary>
/// The twin ids of one lab's run: each device and pool named within the lab (<see cref="TwinIds.InLab"/>), the lab by
/// its own id, so that several labs stream into one ADT instance without sharing a twin. The one place the simulator
/// names a twin: the lab model, its trace and its reports know devices by their ids in the lab file.
/// </summary>
internal sealed class LabTwins
{
    private readonly Dictionary<string, string> _devices;

    public LabTwins(LabConfig lab)
    {
        Lab = lab.Id;
        _devices = lab.Devices.ToDictionary(d => d.Id, d => TwinIds.InLab(lab.Id, d.Id), StringComparer.Ordinal);
    }

    /// <summary>The lab's own twin.</summary>
    public string Lab { get; }

    /// <summary>The twin of the lab's device <paramref name="deviceId"/> (computed once per device: this is on every update).</summary>
    public string Device(string deviceId) => _devices[deviceId];

    /// <summary>The ProcessFlow twin of the lab's pool <paramref name="poolId"/>.</summary>
    public string Pool(string poolId) => ProcessFlowModel.TwinId(Lab, poolId);
}
