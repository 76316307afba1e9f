namespace PlateletTwins.Dtdl.Lab;

/// <summary>
/// The Simulation model of <c>dtdl/Simulation.json</c>, a run's own twin, named once for the solution: its id, its
/// settings, clock and KPIs, and its status values (a test holds these to the model, both ways).
/// </summary>
public static class SimulationModel
{
    public const string Id = "dtmi:platelettwins:Simulation;2";

    public const string RunId = "runId";
    public const string Seed = "seed";
    public const string Speed = "speed";
    public const string Profile = "profile";
    public const string Status = "status";
    public const string Lossless = "lossless";
    public const string UpdatesSent = "updatesSent";
    public const string UpdatesCoalesced = "updatesCoalesced";
    public const string UpdatesRefused = "updatesRefused";
    public const string EventsSent = "eventsSent";
    public const string StartTime = "startTime";
    public const string SimulatedMinutes = "simulatedMinutes";

    // The lab's KPIs so far.
    public const string WbReceived = "wbReceived";
    public const string WbSeparated = "wbSeparated";
    public const string WbExpired = "wbExpired";
    public const string BcProduced = "bcProduced";
    public const string PoolsStarted = "poolsStarted";
    public const string PoolsScrapped = "poolsScrapped";
    public const string PoolsReleased = "poolsReleased";
    public const string ReleasedPerDay = "releasedPerDay";
    public const string WipPools = "wipPools";
    public const string Bottleneck = "bottleneck";

    /// <summary>Relationship: the lab the run simulates.</summary>
    public const string Simulates = "simulates";

    /// <summary>The values of <see cref="Status"/>.</summary>
    public static class StatusValues
    {
        public const string Running = "Running";
        public const string Completed = "Completed";
        public const string Failed = "Failed";
        public const string Abandoned = "Abandoned";
    }
}
