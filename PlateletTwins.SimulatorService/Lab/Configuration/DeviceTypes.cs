namespace PlateletTwins.SimulatorService.Lab.Configuration;

/// <summary>The device types a lab can have: each names a DTDL model of <c>dtdl/devices/</c> that its twin gets.</summary>
internal static class DeviceTypes
{
    public static readonly IReadOnlyList<string> All =
        ["Centrifuge", "Separator", "SterileConnector", "PoolingStation", "TubeSealer", "Illuminator", "Agitator", "LabelStation"];
}
