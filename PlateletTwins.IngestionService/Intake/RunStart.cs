namespace PlateletTwins.IngestionService.Intake;

/// <summary>POST /api/runs: a run starts, with the lab layout whose twins it drives. The run has a twin of its own, named by its id.</summary>
public sealed record RunStart(string RunId, long Seed, string Speed, DateTimeOffset StartTime, LabLayout Lab, string? Profile = null);

public sealed record LabLayout(string Id, string Name, IReadOnlyList<DeviceLayout> Devices, IReadOnlyList<FeedEdge> Feeds);

public sealed record DeviceLayout(string Id, string Type, int Capacity);

/// <summary>Finished items of <see cref="From"/> go on to <see cref="To"/>; a <c>feeds</c> relationship in the twin graph.</summary>
public sealed record FeedEdge(string From, string To);
