namespace PlateletTwins.SimulatorService.Lab;

/// <summary>The reference buffy-coat platelet pooling lab of the specification: 12 devices and their flow.</summary>
public static class ReferenceLab
{
    public static LabSpec Create() => new(
        "platelet-lab",
        "Platelet pooling lab",
        [
            new("centrifuge-01", "Centrifuge", 12),
            new("centrifuge-02", "Centrifuge", 12),
            new("separator-01", "Separator", 1),
            new("separator-02", "Separator", 1),
            new("sterile-connector-01", "SterileConnector", 1),
            new("pooling-station-01", "PoolingStation", 4),
            new("centrifuge-03", "Centrifuge", 6),
            new("separator-03", "Separator", 1),
            new("tube-sealer-01", "TubeSealer", 1),
            new("illuminator-01", "Illuminator", 2),
            new("agitator-01", "Agitator", 96),
            new("label-station-01", "LabelStation", 1),
        ],
        [
            new("centrifuge-01", "separator-01"),
            new("centrifuge-01", "separator-02"),
            new("centrifuge-02", "separator-01"),
            new("centrifuge-02", "separator-02"),
            new("separator-01", "sterile-connector-01"),
            new("separator-02", "sterile-connector-01"),
            new("sterile-connector-01", "pooling-station-01"),
            new("pooling-station-01", "centrifuge-03"),
            new("centrifuge-03", "separator-03"),
            new("separator-03", "tube-sealer-01"),
            new("tube-sealer-01", "illuminator-01"),
            new("illuminator-01", "agitator-01"),
            new("agitator-01", "label-station-01"),
        ]);
}
