using System.Text.Json.Serialization;

namespace PlateletTwins.SimulatorService.Lab.Configuration;

/// <summary>How a device works, which decides its rules in the lab model.</summary>
internal enum DeviceRole
{
    /// <summary>Loads a batch when empty (at <c>BatchSize</c> queued, or when the oldest has waited <c>MaxWaitMinutes</c>) and runs one cycle for all of it.</summary>
    Batch,

    /// <summary>Takes one whole-blood unit at a time (discarding expired ones) and yields a buffy coat if the unit is eligible.</summary>
    Separator,

    /// <summary>Takes <c>PoolSize</c> rested buffy coats of one ABO group and starts a pool.</summary>
    SterileConnector,

    /// <summary>Processes each item in a slot of its own, independently.</summary>
    Station,

    /// <summary>Holds each item for a time in a slot of its own (agitated storage); fails in calendar time.</summary>
    Storage,
}

/// <summary>What a failure does to the items a device is working on.</summary>
internal enum FailurePolicy
{
    /// <summary>The work continues where it stopped after repair.</summary>
    Resume,

    /// <summary>The cycle starts again from zero after repair, with a fresh cycle time.</summary>
    Restart,

    /// <summary>The items being worked on are scrapped at the failure instant.</summary>
    Scrap,
}

/// <summary>One device of the lab: its twin id, its type (which names its DTDL model), its role and its numbers.</summary>
internal sealed record DeviceConfig
{
    /// <summary>Batch devices take a batch of <see cref="BatchSize"/> (by default their capacity) when empty.</summary>
    [JsonIgnore]
    public int EffectiveBatchSize => BatchSize ?? Capacity;

    public required string Id { get; init; }

    public required string Type { get; init; }

    public required DeviceRole Role { get; init; }

    public required int Capacity { get; init; }

    /// <summary>The buffer it takes its work from; null when the upstream device hands items over directly.</summary>
    public string? Input { get; init; }

    /// <summary>Where finished items go: a buffer id, a device id (direct hand-off), or <c>released</c>.</summary>
    public required string Output { get; init; }

    /// <summary>Processing time per cycle (batch), per item (station, separator, connector), or hold time (storage).</summary>
    public required DistributionConfig Cycle { get; init; }

    /// <summary>Batch devices: how many queued items start a batch; null: a full load (the capacity).</summary>
    public int? BatchSize { get; init; }

    /// <summary>Batch devices: a batch starts when the oldest queued item has waited this long; null: never waits for more.</summary>
    public double? MaxWaitMinutes { get; init; }

    /// <summary>Time to failure, counted in busy time (calendar time for storage); null with <see cref="Repair"/>: the device never fails.</summary>
    public DistributionConfig? TimeToFailure { get; init; }

    public DistributionConfig? Repair { get; init; }

    public FailurePolicy OnFailure { get; init; } = FailurePolicy.Resume;

    /// <summary>Metres in the lab's 3D scene.</summary>
    public double[]? Position { get; init; }
}
