using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;
using PlateletTwins.SimulatorService.Lab.Configuration;

namespace PlateletTwins.Tests.Simulator.Lab;

/// <summary>
/// The flow's checks take time and stack in proportion to the lab, not to its square or its depth: a lab as long as
/// the limits allow (1,000 devices, 1,000 buffers) is read and checked at once, on a stack a recursion through it
/// would overflow.
/// </summary>
public sealed class LongFlowTests
{
    /// <summary>Stations in a line after the sterile connector, each with its input buffer: with the lab's other two devices and buffers, 1,000 of each.</summary>
    public const int Stations = 998;

    private static JsonObject Device(string id, string type, string role, string? input, string output) => new()
    {
        ["id"] = id,
        ["type"] = type,
        ["role"] = role,
        ["capacity"] = 1,
        ["input"] = input,
        ["output"] = output,
        ["cycle"] = JsonNode.Parse("""{"tri":[1,2,3]}"""),
    };

    private static JsonObject Buffer(string id, int capacity) => new() { ["id"] = id, ["capacity"] = capacity };

    private static string Queue(int i) => $"queue-{i:0000}";

    /// <summary>Whole blood to a press, buffy coats to a sterile connector, then its pools through <see cref="Stations"/> stations in a line; the last releases them or, <paramref name="cyclic"/>, hands them back to the first queue.</summary>
    public static string Line(bool cyclic = false)
    {
        var devices = new JsonArray
        {
            Device("press-01", "Separator", "separator", "wb-hold", "bc-rest-rack"),
            Device("sterile-connector-01", "SterileConnector", "sterileConnector", "bc-rest-rack", Queue(0)),
        };
        var buffers = new JsonArray { Buffer("wb-hold", 400), Buffer("bc-rest-rack", 120) };
        for (var i = 0; i < Stations; i++)
        {
            var last = i == Stations - 1;
            devices.Add(Device($"station-{i:0000}", "LabelStation", "station", Queue(i), last ? (cyclic ? Queue(0) : "released") : Queue(i + 1)));
            buffers.Add(Buffer(Queue(i), 4));
        }
        return Lab(devices, buffers);
    }

    private static string Lab(JsonArray devices, JsonArray buffers) => new JsonObject
    {
        ["id"] = "long-lab",
        ["devices"] = devices,
        ["buffers"] = buffers,
        ["deliveries"] = new JsonArray(new JsonObject { ["atMinute"] = 0, ["count"] = 100, ["collectedMinMinutesBefore"] = 60, ["collectedMaxMinutesBefore"] = 600 }),
    }.ToJsonString();

    private static T OnASmallStack<T>(Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        // 128 KB: ample for the checks, too little for a call per element of a flow 2,000 elements deep.
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception problem)
            {
                failure = ExceptionDispatchInfo.Capture(problem);
            }
        }, 128 * 1024);
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    [Fact]
    public void A_line_as_long_as_the_limits_allow_is_checked_without_a_deep_stack()
    {
        var lab = LabFile.Parse(Line());
        Assert.Equal((1000, 1000), (lab.Devices.Count, lab.Buffers.Count));
        Assert.Empty(OnASmallStack(() => LabValidator.Validate(lab)));
    }

    [Fact]
    public void A_cycle_through_the_whole_line_is_found_and_named_without_a_deep_stack()
    {
        var error = Assert.Single(Assert.Throws<LabFileException>(() => LabFile.Parse(Line(cyclic: true))).Errors);
        var cycle = $"the flow has a cycle: {Queue(0)} → station-0000 → {Queue(1)} → station-0001 → ";
        Assert.StartsWith(cycle, error, StringComparison.Ordinal);
        Assert.EndsWith($"→ station-{Stations - 1:0000} → {Queue(0)}; items move on towards 'released', never back", error, StringComparison.Ordinal);

        var acyclic = LabFile.Parse(Line());
        var lab = acyclic with { Devices = [.. acyclic.Devices.Select(d => d.Output == LabConfig.Released ? d with { Output = Queue(0) } : d)] };
        Assert.Equal([error], OnASmallStack(() => LabValidator.Validate(lab)));
    }

    [Fact]
    public void Whole_blood_handed_along_a_line_listed_backwards_reaches_a_press_without_a_role_at_once()
    {
        // Each station hands its unit to the next; listed last first, a search that goes over the list again for each
        // step along the line takes a pass per station.
        const int stations = 996;
        var devices = new JsonArray();
        for (var i = stations - 1; i >= 0; i--)
        {
            var station = Device($"station-{i:0000}", "LabelStation", "station", i == 0 ? "wb-hold" : null, i == stations - 1 ? "wb-rack" : $"station-{i + 1:0000}");
            station.Remove("role");
            if (i > 0)
            {
                station.Remove("input");
            }
            devices.Add(station);
        }
        var press = Device("press-01", "Separator", "separator", "wb-rack", "bc-rest-rack");
        press.Remove("role");
        devices.Add(press);
        devices.Add(Device("sterile-connector-01", "SterileConnector", "sterileConnector", "bc-rest-rack", "pool-queue"));
        devices.Add(Device("label-station-01", "LabelStation", "station", "pool-queue", "released"));
        var buffers = new JsonArray { Buffer("wb-hold", 400), Buffer("wb-rack", 20), Buffer("bc-rest-rack", 120), Buffer("pool-queue", 4) };

        var clock = Stopwatch.StartNew();
        var lab = LabFile.Parse(Lab(devices, buffers));
        clock.Stop();
        Assert.Equal(DeviceRole.Separator, lab.Devices.Single(d => d.Id == "press-01").Role);
        // Linear work is milliseconds; a pass over the list per station, each asking the list again, is minutes.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"read in {clock.Elapsed}");
    }
}
