namespace PlateletTwins.SimulatorService.Lab;

/// <summary>A lab: its devices and the <c>feeds</c> edges between them (the twin graph has the same edges).</summary>
public sealed record LabSpec(string Id, string Name, IReadOnlyList<DeviceSpec> Devices, IReadOnlyList<FeedSpec> Feeds);

public sealed record FeedSpec(string From, string To);
