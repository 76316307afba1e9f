using System.Text.Json;
using System.Text.Json.Nodes;
using PlateletTwins.SimulatorService.Devices;
using PlateletTwins.SimulatorService.Lab.Configuration;
using PlateletTwins.SimulatorService.Lab.Model;
using PlateletTwins.SimulatorService.Lab.Running;
using PlateletTwins.SimulatorService.Streaming;

namespace PlateletTwins.Tests.Simulator.Pools;

/// <summary>
/// A run of the lab that follows its pools, as the streamer does: every pool's record, and the messages of its twin in
/// the order the lab made them, written as the simulator writes them to the intake (camelCase JSON).
/// </summary>
internal sealed class PoolRun
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 7, 0, 0, TimeSpan.Zero);

    public const string RunId = "run-pools";

    private PoolRun(RunOptions options, LabModel lab, List<PoolRecord> pools, List<Outgoing> messages, List<DeviceEvent> events)
    {
        Events = events;
        Options = options;
        Lab = lab;
        Pools = pools;
        Messages = messages;
    }

    public RunOptions Options { get; }

    /// <summary>The twin ids the streamer gives the lab's devices and pools.</summary>
    public LabTwins Twins => new(Options.EffectiveLab);

    public LabModel Lab { get; }

    public double Horizon => Options.Hours * 60;

    /// <summary>Every pool started, in order, as it is at the end of the run.</summary>
    public List<PoolRecord> Pools { get; }

    /// <summary>The pool twins' updates and changes, in the order made.</summary>
    public List<Outgoing> Messages { get; }

    /// <summary>The lab's discrete events (failures, releases, scraps).</summary>
    public List<DeviceEvent> Events { get; }

    public static PoolRun Of(RunProfile profile, ulong seed, double hours, TimeSpan? retention = null, LabConfig? labConfig = null)
    {
        var options = new RunOptions { Lab = labConfig ?? ReferenceLab.Create(), Profile = profile, Seed = seed, Hours = hours, PoolRetention = retention };
        var pools = new List<PoolRecord>();
        var messages = new List<Outgoing>();
        var events = new List<DeviceEvent>();
        var mapper = new PoolMessages(RunId, new LabTwins(options.EffectiveLab), Start, new FixedClock(Start));
        var lab = new LabModel(options.EffectiveLab, seed, events: events.Add, pools: options.PoolTracking(step =>
        {
            if (step.Kind == PoolStepKind.Started)
            {
                pools.Add(step.Pool);
            }
            mapper.Append(step, messages);
        }));
        lab.RunUntil(hours * 60);
        return new PoolRun(options, lab, pools, messages, events);
    }

    /// <summary>Each message as it goes on the wire: an update or a change, with <c>"message"</c> saying which.</summary>
    public IEnumerable<JsonObject> Wire() => Messages.Select(m =>
    {
        var node = m.Update is { } update
            ? JsonSerializer.SerializeToNode(update, JsonSerializerOptions.Web)!.AsObject()
            : JsonSerializer.SerializeToNode(m.Change!, JsonSerializerOptions.Web)!.AsObject();
        node["message"] = m.Update is null ? "change" : "update";
        return node;
    });

    /// <summary>A clock that stands still, so that messages made twice are equal.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
