using static PlateletTwins.SimulatorService.Lab.Configuration.DistributionConfig;

namespace PlateletTwins.SimulatorService.Lab.Configuration;

/// <summary>The reference buffy-coat platelet pooling lab of the specification (LAB.md), every number its default.</summary>
internal static class ReferenceLab
{
    private const double Hour = 60;

    public static LabConfig Create() => new()
    {
        Buffers =
        [
            new("wb-hold", 400),
            new("separator-rack", 24, BufferOrder.Collection),
            new("bc-rest-rack", 120),
            new("pooling-queue", 4),
            new("pool-spin-queue", 12),
            new("platelet-press-queue", 6),
            new("sealing-queue", 4),
            new("illumination-queue", 6),
        ],
        Devices =
        [
            Centrifuge("centrifuge-01", "wb-hold", "separator-rack", 12, Tri(24, 27, 35), 30),
            Centrifuge("centrifuge-02", "wb-hold", "separator-rack", 12, Tri(24, 27, 35), 30),
            WbSeparator("separator-01"),
            WbSeparator("separator-02"),
            new DeviceConfig
            {
                Id = "sterile-connector-01", Type = "SterileConnector", Role = DeviceRole.SterileConnector, Capacity = 1,
                Input = "bc-rest-rack", Output = "pooling-queue", Cycle = Tri(3.5, 5, 7),
                TimeToFailure = Exp(150 * Hour), Repair = LogNorm(20, 10),
            },
            new DeviceConfig
            {
                Id = "pooling-station-01", Type = "PoolingStation", Role = DeviceRole.Station, Capacity = 4,
                Input = "pooling-queue", Output = "pool-spin-queue", Cycle = Tri(10, 15, 20),
                TimeToFailure = Exp(1000 * Hour), Repair = LogNorm(10, 5),
            },
            Centrifuge("centrifuge-03", "pool-spin-queue", "platelet-press-queue", 6, Tri(15, 18, 25), 20),
            new DeviceConfig
            {
                Id = "separator-03", Type = "Separator", Role = DeviceRole.Station, Capacity = 1,
                Input = "platelet-press-queue", Output = "sealing-queue", Cycle = Tri(5, 7, 10),
                TimeToFailure = Exp(200 * Hour), Repair = LogNorm(45, 30),
            },
            new DeviceConfig
            {
                Id = "tube-sealer-01", Type = "TubeSealer", Role = DeviceRole.Station, Capacity = 1,
                Input = "sealing-queue", Output = "illumination-queue", Cycle = Tri(0.5, 1, 2),
                TimeToFailure = Exp(500 * Hour), Repair = LogNorm(15, 5),
            },
            new DeviceConfig
            {
                Id = "illuminator-01", Type = "Illuminator", Role = DeviceRole.Batch, Capacity = 2, BatchSize = 1,
                Input = "illumination-queue", Output = "agitator-01", Cycle = Tri(6, 7, 9),
                TimeToFailure = Exp(1000 * Hour), Repair = LogNorm(240, 120), OnFailure = FailurePolicy.Scrap,
            },
            new DeviceConfig
            {
                Id = "agitator-01", Type = "Agitator", Role = DeviceRole.Storage, Capacity = 96,
                Output = "label-station-01", Cycle = Unif(6 * Hour, 16 * Hour),
                TimeToFailure = Exp(2000 * Hour), Repair = LogNorm(120, 60),
            },
            new DeviceConfig
            {
                Id = "label-station-01", Type = "LabelStation", Role = DeviceRole.Station, Capacity = 1,
                Output = "released", Cycle = Tri(1.5, 2, 3),
                TimeToFailure = Exp(300 * Hour), Repair = LogNorm(10, 5),
            },
        ],
        Deliveries =
        [
            // The 07:00 delivery brings units collected the day before between 10:00 and 20:00: 21 h to 11 h before.
            new(0, 150, 11 * Hour, 21 * Hour),
            new(5 * Hour, 40, 1 * Hour, 5 * Hour),
            new(8 * Hour, 50, 1 * Hour, 5 * Hour),
            new(12 * Hour, 60, 1 * Hour, 5 * Hour),
        ],
    };

    /// <summary>The stress profile: every MTBF divided by 20, so failures show in a 36 h run.</summary>
    public static LabConfig Stress(LabConfig lab) => lab with
    {
        Devices = [.. lab.Devices.Select(d => d with { TimeToFailure = d.TimeToFailure?.Scaled(1.0 / 20) })],
    };

    private static DeviceConfig Centrifuge(string id, string input, string output, int capacity, DistributionConfig cycle, double maxWait) => new()
    {
        Id = id,
        Type = "Centrifuge",
        Role = DeviceRole.Batch,
        Capacity = capacity,
        BatchSize = capacity,
        MaxWaitMinutes = maxWait,
        Input = input,
        Output = output,
        Cycle = cycle,
        TimeToFailure = Exp(500 * Hour),
        Repair = LogNorm(240, 120),
        OnFailure = FailurePolicy.Restart,
    };

    private static DeviceConfig WbSeparator(string id) => new()
    {
        Id = id,
        Type = "Separator",
        Role = DeviceRole.Separator,
        Capacity = 1,
        Input = "separator-rack",
        Output = "bc-rest-rack",
        Cycle = Tri(2.5, 3.5, 5),
        TimeToFailure = Exp(200 * Hour),
        Repair = LogNorm(45, 30),
    };
}
