using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PlateletTwins.Dtdl.Model;
using PlateletTwins.Dtdl.Values;
using PlateletTwins.IngestionService.Durability;
using PlateletTwins.IngestionService.Intake;
using PlateletTwins.IngestionService.Provisioning;
using PlateletTwins.IngestionService.Runs;
using PlateletTwins.SimulatorService.Devices;
using PlateletTwins.SimulatorService.Lab.Model;
using PlateletTwins.SimulatorService.Lab.Running;
using PlateletTwins.SimulatorService.Streaming;
using PlateletTwins.Tests.Dtdl;
using PlateletTwins.Tests.Infrastructure;
using PlateletTwins.Tests.Simulator.Pools;
using DeviceModel = PlateletTwins.Dtdl.Lab.DeviceModel;
using ProcessFlowModel = PlateletTwins.Dtdl.Lab.ProcessFlowModel;
using SimulationModel = PlateletTwins.Dtdl.Lab.SimulationModel;

namespace PlateletTwins.Tests.Simulator;

/// <summary>
/// One schema: every update the simulator emits over days of the lab, as the intake reads it off the wire, is valid
/// for its twin's model in <c>dtdl/</c>, by the intake's validator and by the DTDL library's value rules; and the run
/// touched every device and every property the simulator streams, so that the test cannot pass on nothing. The same
/// for the pools' twins: every creation's and update's values valid for the ProcessFlow model, every relationship one
/// it declares, to a twin whose model it allows.
/// </summary>
public sealed class EmittedUpdatesAreValidTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 7, 0, 0, TimeSpan.Zero);

    private static readonly ModelCatalog Catalog = new(RepositoryPaths.Dtdl);

    // What the simulator never streams: set by provisioning (deviceType, capacity) or by a 3D scene's tooling.
    private static readonly string[] NotStreamed = [DeviceModel.DeviceType, DeviceModel.Capacity, DeviceModel.Location, DeviceModel.Position, DeviceModel.Rotation];

    [Theory]
    [InlineData(RunProfile.Normal, 1UL)]
    [InlineData(RunProfile.Stress, 2UL)]
    public async Task Every_update_of_two_simulated_days_is_valid_for_its_model(RunProfile profile, ulong seed)
    {
        var run = new RunOptions { Profile = profile, Seed = seed, Hours = 48 };
        var runId = $"run-{profile}-{seed}";
        var start = await WireAsync<RunStart>(StartMessage.For(runId, run, "max", Start));
        await using var store = new IngestionStore(Options.Create(new StorageOptions()), NullLogger<IngestionStore>.Instance);
        using var runs = new RunRegistry(store);
        await runs.RegisterAsync(start, _ => false, CancellationToken.None);
        var validator = new UpdateValidator(Catalog, runs);

        var sent = new List<TwinUpdateMessage>();
        var lab = new LabModel(run.EffectiveLab, seed, u => sent.Add(UpdateMapper.ToMessage(u, new LabTwins(run.EffectiveLab), Start, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", Start)));
        var kpiSequence = 0L;
        for (var hour = 1; hour <= run.Hours; hour++)
        {
            lab.RunUntil(hour * 60);
            sent.Add(RunKpis.Update(runId, ++kpiSequence, lab, Start, completed: false, Start));
        }
        sent.Add(RunKpis.Update(runId, ++kpiSequence, lab, Start, completed: true, Start, new StreamCounts(false, sent.Count, 3, 0, 17)));

        var models = start.Lab.Devices.ToDictionary(d => d.Id, d => ProjectModels.Resolve(DeviceModel.ModelIdOf(d.Type)));
        models[runId] = ProjectModels.Resolve(SimulationModel.Id);
        var batch = await WireAsync<TelemetryBatch>(new TelemetryBatchMessage(runId, sent));
        var problems = new List<string>();
        var properties = new Dictionary<string, HashSet<string>>();
        foreach (var update in batch.Updates)
        {
            if (validator.Validate(update) is { } refused)
            {
                problems.Add($"{update.TwinId} #{update.Sequence}: the intake refuses it: {refused.Code} {refused.Message}");
            }
            var model = models[update.TwinId];
            foreach (var (name, value) in update.Properties)
            {
                if (!model.Contents.TryGetValue(name, out var content) || content.Kind != ContentKind.Property)
                {
                    problems.Add($"{update.TwinId} #{update.Sequence}: '{name}' is not a property of {model.Id}");
                    continue;
                }
                ValueConformance.Check(value, content.Schema!, $"{update.TwinId}#{update.Sequence}/{name}", problems);
                if (!properties.TryGetValue(update.TwinId, out var names))
                {
                    properties[update.TwinId] = names = [];
                }
                names.Add(name);
            }
        }
        Assert.Empty(problems.Take(20));

        // Not empty: every device streamed every property the Device model has for it, and the run's twin its KPIs.
        var deviceProperties = ProjectModels.Resolve(DeviceModel.Id).Contents.Values
            .Where(c => c.Kind == ContentKind.Property).Select(c => c.Name).Except(NotStreamed).Order().ToList();
        Assert.Equal(12, start.Lab.Devices.Count);
        foreach (var device in start.Lab.Devices)
        {
            Assert.True(properties.TryGetValue(device.Id, out var names), $"{device.Id} sent no update");
            Assert.Equal(deviceProperties, names!.Order());
        }
        var simulationProperties = ProjectModels.Resolve(SimulationModel.Id).Contents.Values
            .Where(c => c.Kind == ContentKind.Property).Select(c => c.Name)
            .Except([SimulationModel.RunId, SimulationModel.Seed, SimulationModel.Speed, SimulationModel.Profile, SimulationModel.StartTime]);
        Assert.Equal(simulationProperties.Order(), properties[runId].Order());
        Assert.True(batch.Updates.Count > 1000, $"only {batch.Updates.Count} updates");
        if (profile == RunProfile.Stress)
        {
            // Failures too: every status the Device model has was streamed.
            var statuses = batch.Updates.Where(u => u.TwinId != runId).Select(u => u.Properties[DeviceModel.Status]!.GetValue<string>()).ToHashSet();
            Assert.Equal(Enum.GetNames<DeviceStatus>().Order(), statuses.Order());
        }
    }

    [Theory]
    [InlineData(RunProfile.Normal, 1UL, null)]
    [InlineData(RunProfile.Stress, 3UL, 0.0)]
    public async Task Every_pool_creation_update_and_relationship_of_days_of_the_lab_is_valid_for_the_ProcessFlow_model(RunProfile profile, ulong seed, double? retentionMinutes)
    {
        // Ten days: pools created, moved, released or scrapped, and deleted.
        var run = PoolRun.Of(profile, seed, 240, retentionMinutes is { } r ? TimeSpan.FromMinutes(r) : null);
        var start = StartMessage.For(PoolRun.RunId, run.Options, "max", Start);
        var pool = ProjectModels.Resolve(ProcessFlowModel.Id);
        // The model of every twin a pool may point at: the lab's devices and the lab.
        var targets = start.Lab.Devices.ToDictionary(d => d.Id, d => ProjectModels.Resolve(DeviceModel.ModelIdOf(d.Type)));
        targets[start.Lab.Id] = ProjectModels.Resolve(PlateletTwins.Dtdl.Lab.LabModel.Id);

        // As the wire carries them: the batch the streamer sends, written as it writes it.
        var batch = new TelemetryBatchMessage(PoolRun.RunId, [.. run.Messages.Where(m => m.Update is not null).Select(m => m.Update!)], null,
            [.. run.Messages.Where(m => m.Change is not null).Select(m => m.Change!)]);
        var wire = JsonNode.Parse(await JsonContent.Create(batch).ReadAsStringAsync())!;
        var problems = new List<string>();
        var properties = new HashSet<string>(StringComparer.Ordinal);
        var relationships = new HashSet<string>(StringComparer.Ordinal);
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        void CheckProperties(JsonNode message, JsonObject values)
        {
            foreach (var (name, value) in values)
            {
                var where = $"{message["twinId"]} #{message["sequence"]}/{name}";
                if (!pool.Contents.TryGetValue(name, out var content) || content.Kind != ContentKind.Property)
                {
                    problems.Add($"{where}: not a property of {pool.Id}");
                    continue;
                }
                ValueConformance.Check(value, content.Schema!, where, problems);
                properties.Add(name);
            }
        }
        foreach (var update in wire["updates"]!.AsArray())
        {
            CheckProperties(update!, update!["properties"]!.AsObject());
        }
        foreach (var change in wire["changes"]!.AsArray())
        {
            var kind = change!["kind"]!.GetValue<string>();
            kinds.Add(kind);
            switch (kind)
            {
                case "createTwin":
                    Assert.Equal(ProcessFlowModel.Id, change["modelId"]!.GetValue<string>());
                    CheckProperties(change, change["properties"]!.AsObject());
                    break;
                case "putRelationship":
                    var relationship = change["relationship"]!;
                    var name = relationship["name"]!.GetValue<string>();
                    var targetId = relationship["targetId"]!.GetValue<string>();
                    if (!pool.Contents.TryGetValue(name, out var declared) || declared.Kind != ContentKind.Relationship)
                    {
                        problems.Add($"{change["twinId"]} #{change["sequence"]}: '{name}' is not a relationship of {pool.Id}");
                        break;
                    }
                    // The target twin's model is the relationship's target or extends it.
                    if (!targets.TryGetValue(targetId, out var target) || (declared.RelationshipTarget is { } allowed && !target.Ancestors.Contains(allowed)))
                    {
                        problems.Add($"{change["twinId"]} #{change["sequence"]}: {name} → {targetId} ({target?.Id ?? "no such twin"}), the model allows {declared.RelationshipTarget}");
                    }
                    foreach (var (property, _) in relationship["properties"]!.AsObject())
                    {
                        problems.Add($"{change["twinId"]} #{change["sequence"]}: {name} has no property {property}");
                    }
                    relationships.Add(name);
                    break;
                case "deleteRelationship" or "deleteTwin":
                    Assert.Null(change["properties"]);
                    break;
                default:
                    problems.Add($"{change["twinId"]} #{change["sequence"]}: unknown kind {kind}");
                    break;
            }
        }
        Assert.Empty(problems.Take(20));

        // Not empty: every property and relationship of the model was streamed (a scrap reason once something was scrapped).
        var expected = pool.Contents.Values.Where(c => c.Kind == ContentKind.Property).Select(c => c.Name)
            .Where(n => n != ProcessFlowModel.ScrapReason || run.Lab.Statistics.PoolsScrapped > 0);
        Assert.Equal(expected.Order(), properties.Order());
        Assert.Equal(pool.Contents.Values.Where(c => c.Kind == ContentKind.Relationship).Select(c => c.Name).Order(), relationships.Order());
        Assert.Equal(new[] { "createTwin", "deleteRelationship", "deleteTwin", "putRelationship" }, kinds.Order());
        if (profile == RunProfile.Stress)
        {
            Assert.True(run.Lab.Statistics.PoolsScrapped > 0, "the stress run scrapped no pool");
        }
    }

    // As the simulator writes it (JsonContent, web defaults) and the intake reads it.
    private static async Task<T> WireAsync<T>(object message) where T : class
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.Body = await JsonContent.Create(message).ReadAsStreamAsync();
        var read = await IntakeBody.ReadAsync<T>(context.Request, CancellationToken.None);
        Assert.True(read.Value is not null, $"the intake refused the simulator's {typeof(T).Name}");
        return read.Value!;
    }
}
