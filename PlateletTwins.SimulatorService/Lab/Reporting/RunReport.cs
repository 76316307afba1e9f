namespace PlateletTwins.SimulatorService.Lab.Reporting;

/// <summary>The report of a headless run: its settings, every replication, the summary, the engine's work and the wall time.</summary>
internal sealed record RunReport(
    double Hours,
    string Profile,
    string Seed,
    IReadOnlyList<ReplicationReport> Replications,
    SummaryReport Summary,
    long Events,
    double WallSeconds);
