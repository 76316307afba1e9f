using System.Globalization;
using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.SimulatorService.Lab.Model;

namespace PlateletTwins.SimulatorService.Streaming;

/// <summary>
/// A pool's record as the ProcessFlow model's values, written one way for its twin and for the simulator's own record
/// (<c>simulate --pools</c>), so that the two compare as strings.
/// </summary>
public static class PoolProperties
{
    /// <summary>A simulated instant as a dateTime value: UTC, to the millisecond.</summary>
    public static string Time(DateTimeOffset startTime, double minutes) =>
        startTime.AddMinutes(minutes).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The twin's first values, as the sterile connector started it.</summary>
    public static JsonObject First(PoolRecord pool, string runId, string labId, DateTimeOffset startTime) => new()
    {
        [ProcessFlowModel.PoolId] = pool.PoolId,
        [ProcessFlowModel.LabId] = labId,
        [ProcessFlowModel.RunId] = runId,
        [ProcessFlowModel.BloodGroup] = pool.BloodGroup,
        [ProcessFlowModel.Stage] = pool.Stage,
        [ProcessFlowModel.StartTime] = Time(startTime, pool.StartTime),
        [ProcessFlowModel.OldestCollectionTime] = Time(startTime, pool.OldestCollectionTime),
        [ProcessFlowModel.ExpiryTime] = Time(startTime, pool.ExpiryTime),
        [ProcessFlowModel.Donations] = Donations(pool),
        [ProcessFlowModel.Route] = Route(pool, startTime),
    };

    /// <summary>A hand-off: the new stage and the whole route, so that coalescing two writes loses no step.</summary>
    public static JsonObject HandedOver(PoolRecord pool, DateTimeOffset startTime) => new()
    {
        [ProcessFlowModel.Stage] = pool.Stage,
        [ProcessFlowModel.Route] = Route(pool, startTime),
    };

    /// <summary>The end: Released or Scrapped, when, and why when scrapped.</summary>
    public static JsonObject Ended(PoolRecord pool, DateTimeOffset startTime)
    {
        var properties = new JsonObject
        {
            [ProcessFlowModel.Stage] = pool.Stage,
            [ProcessFlowModel.EndTime] = Time(startTime, pool.EndTime!.Value),
        };
        if (pool.ScrapReason is { } reason)
        {
            properties[ProcessFlowModel.ScrapReason] = reason;
        }
        return properties;
    }

    public static JsonArray Donations(PoolRecord pool) => [.. pool.Donations.Select(u => (JsonNode)u.UnitId)];

    public static JsonArray Route(PoolRecord pool, DateTimeOffset startTime) =>
    [
        .. pool.Route.Select(step => (JsonNode)new JsonObject
        {
            [ProcessFlowModel.RouteFields.DeviceId] = step.DeviceId,
            [ProcessFlowModel.RouteFields.Stage] = step.Stage,
            [ProcessFlowModel.RouteFields.EnteredAt] = Time(startTime, step.EnteredAt),
        }),
    ];
}
