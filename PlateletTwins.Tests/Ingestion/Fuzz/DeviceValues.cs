using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Lab;

namespace PlateletTwins.Tests.Ingestion.Fuzz;

/// <summary>Values for the Device model's properties, each valid or not by its schema, ADT's limits and the lab's ranges.</summary>
public sealed record DeviceValues(string Name, Func<Random, int, (JsonNode? Value, bool Valid)> Make)
{
    private static (JsonNode?, bool) Of(string json, bool valid) => (JsonNode.Parse(json), valid);

    private static (JsonNode?, bool) Text(string text, bool valid) => (JsonValue.Create(text), valid);

    private static DeviceValues Minutes(string name) => new(name, (r, _) => r.Next(4) switch
    {
        0 => Of("-1", false),
        1 => Of("1e400", false),
        2 => Of("1e300", true),
        _ => (JsonValue.Create(r.NextDouble() * 1000), true),
    });

    private static DeviceValues Count(string name) => new(name, (r, _) => r.Next(4) switch
    {
        0 => Of("-1", false),
        1 => Of("2147483648", false),
        2 => Of("1.5", false),
        _ => (JsonValue.Create(r.Next(0, 100_000)), true),
    });

    public static readonly DeviceValues[] All =
    [
        new(DeviceModel.Status, (r, _) => r.Next(5) switch
        {
            0 => Text("idle", false),
            1 => Of("1", false),
            2 => Of("null", false),
            _ => Text(new[] { "Idle", "Processing", "Blocked", "Failed" }[r.Next(4)], true),
        }),
        new(DeviceModel.InUse, (r, capacity) => r.Next(4) switch
        {
            0 => (JsonValue.Create(capacity + 1), false),
            1 => Of("\"1\"", false),
            _ => (JsonValue.Create(r.Next(0, capacity + 1)), true),
        }),
        Count(DeviceModel.QueueLength),
        new(DeviceModel.Utilization, (r, _) => r.Next(5) switch
        {
            0 => Of("1.0000000000000002", false),
            1 => Of("-0.1", false),
            2 => Of("1", true),
            _ => (JsonValue.Create(r.NextDouble()), true),
        }),
        Minutes(DeviceModel.IdleMinutes), Minutes(DeviceModel.ProcessingMinutes), Minutes(DeviceModel.BlockedMinutes), Minutes(DeviceModel.FailedMinutes),
        Count(DeviceModel.TotalProcessed), Count(DeviceModel.Failures),
        new(DeviceModel.Location, (r, _) => r.Next(6) switch
        {
            0 => Text(new string('x', 4097), false),
            1 => Text(new string('é', 2049), false),
            2 => Text(new string('x', 4096), true),
            3 => Text(new string('é', 2048), true),
            4 => Of("5", false),
            _ => Text("bench-é-🙂", true),
        }),
        new(DeviceModel.DeviceType, (r, _) => r.Next(3) == 0 ? Text(new string('t', 4097), false) : Text("Centrifuge", true)),
        new(DeviceModel.Position, (r, _) => r.Next(6) switch
        {
            0 => Of("""{"x":"1"}""", false),
            1 => Of("""{"w":1}""", false),
            2 => Of("[1,2,3]", false),
            3 => Of("""{"x":1e400}""", false),
            4 => Of("""{"x":1.5}""", true),
            _ => Of("""{"x":1,"y":2,"z":-3.25}""", true),
        }),
        new(DeviceModel.Rotation, (r, _) => r.Next(3) == 0 ? Of("""{"v":1}""", false) : Of("""{"x":0,"y":0,"z":0,"w":1}""", true)),
        new("rpm", (_, _) => Of("3000", false)),
        new(DeviceModel.Event, (_, _) => Of("""{"type":"Failed"}""", false)),
    ];

    /// <summary><paramref name="count"/> distinct properties at random.</summary>
    public static IEnumerable<DeviceValues> Pick(Random random, int count) => All.OrderBy(_ => random.Next()).Take(count);
}
