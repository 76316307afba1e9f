using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.SimulatorService.Lab.Model;
using PlateletTwins.SimulatorService.Streaming;

namespace PlateletTwins.SimulatorService.Lab.Reporting;

/// <summary>
/// A pool's record as one line of JSON (the <c>--pools</c> file): what its twin in ADT must say, by the ProcessFlow
/// model's names and values, and what became of it: <c>outcome</c> (Released, Scrapped, or null while in process),
/// <c>collectionTimes</c> (of its donations, in their order) and <c>deletedAt</c> (null when its twin outlives the run).
/// </summary>
internal static class PoolRecordJson
{
    public static string Line(PoolRecord pool, LabTwins twins, DateTimeOffset startTime)
    {
        var line = new JsonObject
        {
            ["twinId"] = twins.Pool(pool.PoolId),
            [ProcessFlowModel.PoolId] = pool.PoolId,
            [ProcessFlowModel.BloodGroup] = pool.BloodGroup,
            [ProcessFlowModel.Donations] = PoolProperties.Donations(pool),
            ["collectionTimes"] = new JsonArray([.. pool.Donations.Select(u => (JsonNode)PoolProperties.Time(startTime, u.CollectionTime))]),
            [ProcessFlowModel.StartTime] = PoolProperties.Time(startTime, pool.StartTime),
            [ProcessFlowModel.OldestCollectionTime] = PoolProperties.Time(startTime, pool.OldestCollectionTime),
            [ProcessFlowModel.ExpiryTime] = PoolProperties.Time(startTime, pool.ExpiryTime),
            [ProcessFlowModel.Route] = PoolProperties.Route(pool, twins, startTime),
            [ProcessFlowModel.Stage] = pool.Stage,
            ["deviceId"] = pool.DeviceId is { } device ? twins.Device(device) : null,
            ["outcome"] = pool.Outcome?.ToString(),
            [ProcessFlowModel.EndTime] = pool.EndTime is { } end ? PoolProperties.Time(startTime, end) : null,
            [ProcessFlowModel.ScrapReason] = pool.ScrapReason,
            ["deletedAt"] = pool.DeletedAt is { } deleted ? PoolProperties.Time(startTime, deleted) : null,
        };
        return line.ToJsonString();
    }
}
