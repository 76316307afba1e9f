using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.SimulatorService.Lab.Model;

namespace PlateletTwins.SimulatorService.Streaming;

/// <summary>
/// A pool's record as the ProcessFlow model's values, written one way for its twin and for the simulator's own record
/// (<c>simulate --pools</c>), so that the two compare as strings.
/// </summary>
internal static class PoolProperties
{
    /// <summary>
    /// A simulated instant as a dateTime value: UTC, to the millisecond (truncated), <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>.
    /// Written digit by digit: a year of pools writes about a million of them, and a format string is parsed each time.
    /// </summary>
    public static string Time(DateTimeOffset startTime, double minutes) =>
        string.Create(24, startTime.AddMinutes(minutes).UtcDateTime, static (text, instant) =>
        {
            var (year, month, day) = instant;
            var time = instant.TimeOfDay;
            Digits(text[..4], year);
            text[4] = '-';
            Digits(text[5..7], month);
            text[7] = '-';
            Digits(text[8..10], day);
            text[10] = 'T';
            Digits(text[11..13], time.Hours);
            text[13] = ':';
            Digits(text[14..16], time.Minutes);
            text[16] = ':';
            Digits(text[17..19], time.Seconds);
            text[19] = '.';
            Digits(text[20..23], time.Milliseconds);
            text[23] = 'Z';
        });

    private static void Digits(Span<char> into, int value)
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    /// <summary>The twin's first values, as the sterile connector started it.</summary>
    public static JsonObject First(PoolRecord pool, string runId, LabTwins twins, DateTimeOffset startTime) => new()
    {
        [ProcessFlowModel.PoolId] = pool.PoolId,
        [ProcessFlowModel.LabId] = twins.Lab,
        [ProcessFlowModel.RunId] = runId,
        [ProcessFlowModel.BloodGroup] = pool.BloodGroup,
        [ProcessFlowModel.Stage] = pool.Stage,
        [ProcessFlowModel.StartTime] = Time(startTime, pool.StartTime),
        [ProcessFlowModel.OldestCollectionTime] = Time(startTime, pool.OldestCollectionTime),
        [ProcessFlowModel.ExpiryTime] = Time(startTime, pool.ExpiryTime),
        [ProcessFlowModel.Donations] = Donations(pool),
        [ProcessFlowModel.Route] = Route(pool, twins, startTime),
    };

    /// <summary>A hand-off: the new stage and the whole route, so that coalescing two writes loses no step.</summary>
    public static JsonObject HandedOver(PoolRecord pool, LabTwins twins, DateTimeOffset startTime) => new()
    {
        [ProcessFlowModel.Stage] = pool.Stage,
        [ProcessFlowModel.Route] = Route(pool, twins, startTime),
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

    /// <summary>The devices the pool went through, each by its twin, with the stage it entered there and when.</summary>
    public static JsonArray Route(PoolRecord pool, LabTwins twins, DateTimeOffset startTime) =>
    [
        .. pool.Route.Select(step => (JsonNode)new JsonObject
        {
            [ProcessFlowModel.RouteFields.DeviceId] = twins.Device(step.DeviceId),
            [ProcessFlowModel.RouteFields.Stage] = step.Stage,
            [ProcessFlowModel.RouteFields.EnteredAt] = Time(startTime, step.EnteredAt),
        }),
    ];
}
