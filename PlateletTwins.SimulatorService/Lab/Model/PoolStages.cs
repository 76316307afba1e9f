using StageValues = PlateletTwins.Dtdl.Lab.ProcessFlowModel.StageValues;

namespace PlateletTwins.SimulatorService.Lab.Model;

/// <summary>The stage a pool is in at a device, by the device's type (only pools go to the pool line's centrifuge and separator).</summary>
internal static class PoolStages
{
    public static string Of(string deviceType) => deviceType switch
    {
        "SterileConnector" or "PoolingStation" => StageValues.Pooling,
        "Centrifuge" => StageValues.SoftSpin,
        "Separator" => StageValues.Press,
        "TubeSealer" => StageValues.Sealing,
        "Illuminator" => StageValues.Illumination,
        "Agitator" => StageValues.Storage,
        "LabelStation" => StageValues.Labelling,
        _ => throw new InvalidOperationException($"A pool reached a device of type '{deviceType}', which has no pool stage."),
    };
}
