using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.IngestionService.Intake;
using PlateletTwins.SimulatorService.Devices;
using PlateletTwins.SimulatorService.Lab.Running;
using PlateletTwins.SimulatorService.Streaming;
using IntakeRunState = PlateletTwins.IngestionService.Runs.RunState;
using RunState = PlateletTwins.SimulatorService.Streaming.RunState;

namespace PlateletTwins.Tests.Contract;

/// <summary>
/// The simulator ↔ intake contract, held from both sides: the simulator's messages (<c>Streaming/IngestionMessages.cs</c>)
/// and the intake's types (<c>Intake/RunStart.cs</c>, <c>Intake/TelemetryBatch.cs</c>) have the same JSON fields, each
/// way, and every message the simulator sends, serialised as it serialises it, reads with the intake's types into the
/// same values, field by field. A field added, renamed or retyped on one side only fails here.
/// </summary>
public sealed class IntakeWireContractTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 7, 0, 0, TimeSpan.Zero);

    private const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private static readonly LabTwins Twins = new(new RunOptions().EffectiveLab);

    // What the simulator sends with: JsonContent's defaults.
    private static readonly JsonSerializerOptions SimulatorJson = JsonSerializerOptions.Web;

    public static TheoryData<Type, Type> Pairs => new()
    {
        { typeof(RunStartMessage), typeof(RunStart) },
        { typeof(LabMessage), typeof(LabLayout) },
        { typeof(DeviceMessage), typeof(DeviceLayout) },
        { typeof(FeedMessage), typeof(FeedEdge) },
        { typeof(TelemetryBatchMessage), typeof(TelemetryBatch) },
        { typeof(TwinUpdateMessage), typeof(TwinUpdate) },
        { typeof(EventMessage), typeof(DiscreteEvent) },
        { typeof(TwinChangeMessage), typeof(TwinChange) },
        { typeof(RelationshipMessage), typeof(RelationshipChange) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Both_sides_have_the_same_fields(Type simulator, Type intake)
    {
        var sent = Fields(SimulatorJson, simulator);
        var read = Fields(IntakeJson.Serializer, intake);
        Assert.True(sent.Count > 1, $"{simulator.Name} has no fields");
        Assert.True(sent.Keys.All(read.ContainsKey), $"{simulator.Name} sends {string.Join(", ", sent.Keys.Except(read.Keys))}, which {intake.Name} does not read");
        Assert.True(read.Keys.All(sent.ContainsKey), $"{intake.Name} reads {string.Join(", ", read.Keys.Except(sent.Keys))}, which {simulator.Name} does not send");
        foreach (var (name, type) in sent)
        {
            // The same JSON kind: a pair of the contract's own types, or one and the same .NET type (nullability aside).
            var other = read[name];
            var paired = Pairs.Any(p => (Type)p[0] == ElementOf(type) && (Type)p[1] == ElementOf(other));
            Assert.True(paired || Nullable.GetUnderlyingType(other) == type || other == type, $"{simulator.Name}.{name} is {type.Name} but {intake.Name}.{name} is {other.Name}");
        }
    }

    [Fact]
    public async Task A_run_start_reads_as_the_simulator_sent_it()
    {
        foreach (var lossless in new[] { false, true })
        {
            var message = StartMessage.For("run-contract-1", new RunOptions { Profile = RunProfile.Stress, Seed = 42 }, "60", Start, lossless);
            await AssertReadsAlikeAsync<RunStart>(message);
        }
    }

    [Fact]
    public async Task A_telemetry_batch_reads_as_the_simulator_sent_it()
    {
        var update = new DeviceUpdate("centrifuge-01", 7, 90.5, DeviceStatus.Blocked, 12, 30, 0.4, 10, 60, 15, 5, 48, 1);
        TwinUpdateMessage[] updates =
        [
            UpdateMapper.ToMessage(update, Twins, Start, TraceParent, Start.AddSeconds(3)),
            UpdateMapper.ToMessage(update with { Sequence = 8 }, Twins, Start, null, Start.AddSeconds(4)),
        ];
        EventMessage[] events =
        [
            new("run-contract-1:centrifuge-01:1", "centrifuge-01", Start.AddMinutes(90.5), "Failed", "motor", TraceParent),
            new("run-contract-1:centrifuge-01:2", "centrifuge-01", Start.AddMinutes(95), "Repaired", "", null),
        ];
        await AssertReadsAlikeAsync<TelemetryBatch>(new TelemetryBatchMessage("run-contract-1", updates, events));
        await AssertReadsAlikeAsync<TelemetryBatch>(new TelemetryBatchMessage("run-contract-1", updates));
    }

    [Fact]
    public async Task A_batch_of_pool_lifecycles_reads_as_the_simulator_sent_it()
    {
        // Real pools of a short stress run (some scrapped), with a retention of 0 so that their twins are deleted too.
        var run = Simulator.Pools.PoolRun.Of(RunProfile.Stress, seed: 3, hours: 14, retention: TimeSpan.Zero);
        var changes = run.Messages.Where(m => m.Change is not null).Select(m => m.Change!).ToList();
        var updates = run.Messages.Where(m => m.Update is not null).Select(m => m.Update!).ToList();
        Assert.All(
            Enum.GetValues<TwinChangeKind>(),
            kind => Assert.Contains(changes, c => c.Kind == kind));
        await AssertReadsAlikeAsync<TelemetryBatch>(new TelemetryBatchMessage("run-contract-1", updates, Changes: changes));
    }

    [Fact]
    public void The_change_kinds_go_on_the_wire_as_the_contract_names_them()
    {
        string[] wire = ["createTwin", "deleteTwin", "putRelationship", "deleteRelationship"];
        // As the simulator writes them, and as the intake reads them back.
        Assert.Equal(wire, Enum.GetValues<TwinChangeKind>().Select(k => JsonSerializer.Serialize(k, SimulatorJson).Trim('"')));
        Assert.Equal(Enum.GetValues<TwinChangeKind>().Cast<TwinChangeKind?>(), wire.Select(TwinChangeKinds.Parse));
        Assert.Null(TwinChangeKinds.Parse("CreateTwin"));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TwinChangeKind>("0", SimulatorJson));
    }

    [Fact]
    public void Every_run_state_the_intake_reports_reads_as_the_simulators_state_of_the_same_name()
    {
        foreach (var state in Enum.GetValues<IntakeRunState>())
        {
            // As GET /api/runs/{runId} writes it (RunStatus: the state's name).
            var status = new JsonObject { ["state"] = state.ToString() };
            Assert.Equal(state.ToString(), RunStates.Of(status).ToString());
        }
    }

    [Theory]
    [InlineData("{\"state\":\"Paused\"}")]
    [InlineData("{\"state\":1}")]
    [InlineData("{\"state\":null}")]
    [InlineData("{}")]
    public void A_run_state_the_simulator_does_not_know_reads_as_unknown(string status) =>
        Assert.Equal(RunState.Unknown, RunStates.Of(JsonNode.Parse(status)!.AsObject()));

    // Read with the intake's types and written again as the simulator writes: the same JSON, field by field.
    private static async Task AssertReadsAlikeAsync<T>(object message) where T : class
    {
        var content = JsonContent.Create(message);
        var sent = JsonNode.Parse(await content.ReadAsStringAsync())!;
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.Body = await content.ReadAsStreamAsync();
        var read = await IntakeBody.ReadAsync<T>(context.Request, CancellationToken.None);
        Assert.True(read.Value is not null, $"the intake refused the simulator's {typeof(T).Name}");
        var again = JsonSerializer.SerializeToNode(read.Value, SimulatorJson)!;
        AssertSame(sent, again, "$");
    }

    private static void AssertSame(JsonNode? sent, JsonNode? read, string path)
    {
        switch (sent)
        {
            case JsonObject obj:
                var other = Assert.IsType<JsonObject>(read);
                Assert.True(obj.Select(p => p.Key).Order().SequenceEqual(other.Select(p => p.Key).Order()), $"{path}: sent fields {string.Join(", ", obj.Select(p => p.Key))}, read {string.Join(", ", other.Select(p => p.Key))}");
                foreach (var (name, value) in obj)
                {
                    AssertSame(value, other[name], $"{path}.{name}");
                }
                break;
            case JsonArray array:
                var items = Assert.IsType<JsonArray>(read);
                Assert.True(array.Count == items.Count, $"{path}: {array.Count} sent, {items.Count} read");
                for (var i = 0; i < array.Count; i++)
                {
                    AssertSame(array[i], items[i], $"{path}[{i}]");
                }
                break;
            default:
                Assert.True(JsonNode.DeepEquals(sent, read), $"{path}: sent {sent?.ToJsonString() ?? "null"}, read {read?.ToJsonString() ?? "null"}");
                break;
        }
    }

    private static Dictionary<string, Type> Fields(JsonSerializerOptions options, Type type) =>
        options.GetTypeInfo(type).Properties.ToDictionary(p => p.Name, p => p.PropertyType);

    private static Type ElementOf(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : type;
}
