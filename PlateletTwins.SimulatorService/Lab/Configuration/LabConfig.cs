namespace PlateletTwins.SimulatorService.Lab.Configuration;

/// <summary>A lab: its devices, buffers and flow, arrivals and rules. <see cref="ReferenceLab"/> gives the specification's defaults.</summary>
internal sealed record LabConfig
{
    /// <summary>The output of a device whose finished pools leave the lab, released.</summary>
    public const string Released = "released";

    public string Id { get; init; } = "platelet-lab";

    public string Name { get; init; } = "Platelet pooling lab";

    public required IReadOnlyList<DeviceConfig> Devices { get; init; }

    public required IReadOnlyList<BufferConfig> Buffers { get; init; }

    /// <summary>Deliveries of whole blood every day, at minutes after the run's start (day 1, 07:00).</summary>
    public required IReadOnlyList<DeliveryConfig> Deliveries { get; init; }

    /// <summary>ABO groups and their shares; ties in pooling go in this order.</summary>
    public IReadOnlyList<AboShare> AboShares { get; init; } = [new("O", 0.45), new("A", 0.40), new("B", 0.11), new("AB", 0.04)];

    public double EligibleShare { get; init; } = 0.9;

    /// <summary>A whole-blood unit older than this when a separator would take it is discarded.</summary>
    public double ExpiryMinutes { get; init; } = 24 * 60;

    public double MinRestMinutes { get; init; } = 120;

    public int PoolSize { get; init; } = 5;

    /// <summary>A pool's shelf life from the collection of its oldest buffy coat: its expiry.</summary>
    public double PoolShelfLifeMinutes { get; init; } = 7 * 24 * 60;

    public const string DefaultArrivalBuffer = "wb-hold";

    /// <summary>Where deliveries enter the lab, unless a delivery names its own buffer.</summary>
    public string ArrivalBuffer { get; init; } = DefaultArrivalBuffer;

    /// <summary>Every buffer that deliveries fill.</summary>
    public IEnumerable<string> ArrivalBuffers() => Deliveries.Select(d => d.Buffer ?? ArrivalBuffer).Distinct(StringComparer.Ordinal);

    /// <summary>Edges of the <c>feeds</c> graph: which device's finished items go on to which device.</summary>
    public IEnumerable<(string From, string To)> Feeds()
    {
        foreach (var device in Devices)
        {
            var downstream = Devices.Any(d => d.Id == device.Output)
                ? Devices.Where(d => d.Id == device.Output)
                : Devices.Where(d => d.Input == device.Output);
            foreach (var next in downstream)
            {
                yield return (device.Id, next.Id);
            }
        }
    }
}

internal sealed record BufferConfig(string Id, int Capacity, BufferOrder Order = BufferOrder.Fifo);

internal enum BufferOrder
{
    /// <summary>First in, first out.</summary>
    Fifo,

    /// <summary>By collection time, then item id (the separator rack).</summary>
    Collection,
}

/// <summary>
/// A daily delivery: <see cref="Count"/> units arrive at <see cref="AtMinute"/> after 07:00, collected between the given
/// minutes before, into <see cref="Buffer"/> (null: the lab's <see cref="LabConfig.ArrivalBuffer"/>; a lab of several
/// sites names each site's hold).
/// </summary>
internal sealed record DeliveryConfig(double AtMinute, int Count, double CollectedMinMinutesBefore, double CollectedMaxMinutesBefore, string? Buffer = null);

internal sealed record AboShare(string Group, double Share);
