namespace PlateletTwins.IngestionService.Intake;

/// <summary>
/// POST /api/runs: a run starts, with the lab layout whose twins it drives. The run has a twin of its own, named by its
/// id. <see cref="Lossless"/>: every update is written to ADT as it came, none coalesced; the intake paces the producer
/// to ADT's budget per twin instead.
/// </summary>
internal sealed record RunStart(string RunId, long Seed, string Speed, DateTimeOffset StartTime, LabLayout Lab, string? Profile = null, bool Lossless = false)
{
    /// <summary>The twins the run drives: its own, its lab's and each device's (a method: not part of the message).</summary>
    public IEnumerable<string> Twins() => [RunId, Lab.Id, .. Lab.Devices.Select(d => d.Id)];
}

internal sealed record LabLayout(string Id, string Name, IReadOnlyList<DeviceLayout> Devices, IReadOnlyList<FeedEdge> Feeds);

internal sealed record DeviceLayout(string Id, string Type, int Capacity);

/// <summary>Finished items of <see cref="From"/> go on to <see cref="To"/>; a <c>feeds</c> relationship in the twin graph.</summary>
internal sealed record FeedEdge(string From, string To);
