namespace PlateletTwins.Dtdl.Lab;

/// <summary>
/// The ProcessFlow model of <c>dtdl/ProcessFlow.json</c>, a platelet pool's twin, named once for the solution: its
/// id, properties, relationships, stages and the ids the lab gives pools and their relationships (a test holds these
/// to the model, both ways).
/// </summary>
public static class ProcessFlowModel
{
    public const string Id = "dtmi:platelettwins:ProcessFlow;2";

    public const string PoolId = "poolId";
    public const string LabId = "labId";
    public const string RunId = "runId";
    public const string BloodGroup = "bloodGroup";
    public const string Stage = "stage";
    public const string ScrapReason = "scrapReason";
    public const string StartTime = "startTime";
    public const string OldestCollectionTime = "oldestCollectionTime";
    public const string ExpiryTime = "expiryTime";
    public const string EndTime = "endTime";
    public const string Donations = "donations";
    public const string Route = "route";

    /// <summary>Relationship: the device that holds the pool now.</summary>
    public const string ProcessedBy = "processedBy";

    /// <summary>Relationship: the lab the pool is made in.</summary>
    public const string LocatedAt = "locatedAt";

    /// <summary>The fields of each entry of <see cref="Route"/>.</summary>
    public static class RouteFields
    {
        public const string DeviceId = "deviceId";
        public const string Stage = "stage";
        public const string EnteredAt = "enteredAt";
    }

    /// <summary>The values of <see cref="Stage"/>.</summary>
    public static class StageValues
    {
        public const string Pooling = "Pooling";
        public const string SoftSpin = "SoftSpin";
        public const string Press = "Press";
        public const string Sealing = "Sealing";
        public const string Illumination = "Illumination";
        public const string Storage = "Storage";
        public const string Labelling = "Labelling";
        public const string Released = "Released";
        public const string Scrapped = "Scrapped";
    }

    /// <summary>A pool's twin id, within its lab: <c>platelet-lab.pool-P000123</c>.</summary>
    public static string TwinId(string labId, string poolId) => TwinIds.InLab(labId, $"pool-{poolId}");

    /// <summary>The id of the pool's one <see cref="ProcessedBy"/> relationship, moved by a PUT with the same id.</summary>
    public static string ProcessedById(string poolTwinId) => $"{poolTwinId}-{ProcessedBy}";

    /// <summary>The id of the pool's <see cref="LocatedAt"/> relationship.</summary>
    public static string LocatedAtId(string poolTwinId) => $"{poolTwinId}-{LocatedAt}";
}
