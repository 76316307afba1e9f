using System.Text.Json.Nodes;
using Azure;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.Dtdl.Values;
using PlateletTwins.IngestionService.Adt;
using PlateletTwins.IngestionService.Intake;
using PlateletTwins.IngestionService.Scheduling;

namespace PlateletTwins.IngestionService.Provisioning;

/// <summary>
/// Makes an ADT instance hold the models of <c>dtdl/</c> and the twin graph of a lab layout (the lab, its devices, the
/// lab's <c>contains</c> and the devices' <c>feeds</c> relationships), idempotently: what exists is left as it is
/// (models are immutable in ADT; a twin's live state is not reset), what is missing is created.
/// </summary>
internal sealed partial class LabProvisioner(DigitalTwinsClient client, ModelCatalog catalog, AdaptiveRateLimiter limiter, ILogger<LabProvisioner> logger)
{
    /// <summary>Provisions the run's graph; returns the twins it had to create.</summary>
    public async Task<IReadOnlyList<string>> ProvisionAsync(RunStart run, CancellationToken cancellationToken)
    {
        var created = (await ProvisionAsync(run.Lab, cancellationToken)).ToList();
        var simulation = new JsonObject
        {
            [SimulationModel.RunId] = run.RunId,
            [SimulationModel.Seed] = run.Seed,
            [SimulationModel.Speed] = run.Speed,
            [SimulationModel.Profile] = run.Profile ?? "normal",
            [SimulationModel.Status] = SimulationModel.StatusValues.Running,
            [SimulationModel.StartTime] = AdtTime.Format(run.StartTime),
            [SimulationModel.SimulatedMinutes] = 0.0,
        };
        if (await EnsureTwinAsync(run.RunId, SimulationModel.Id, simulation, cancellationToken))
        {
            created.Add(run.RunId);
        }
        await EnsureRelationshipsAsync([(run.RunId, SimulationModel.Simulates, run.Lab.Id)], cancellationToken);
        return created;
    }

    /// <summary>Provisions the models and the lab's graph; returns the twins it had to create.</summary>
    public async Task<IReadOnlyList<string>> ProvisionAsync(LabLayout lab, CancellationToken cancellationToken)
    {
        var created = new List<string>();
        await EnsureModelsAsync(cancellationToken);
        if (await EnsureTwinAsync(lab.Id, LabModel.Id, new JsonObject { [LabModel.Name] = lab.Name }, cancellationToken))
        {
            created.Add(lab.Id);
        }
        foreach (var device in lab.Devices)
        {
            var initial = new JsonObject
            {
                [DeviceModel.DeviceType] = device.Type,
                [DeviceModel.Capacity] = device.Capacity,
            };
            if (await EnsureTwinAsync(device.Id, catalog.DeviceModelFor(device.Type), initial, cancellationToken))
            {
                created.Add(device.Id);
            }
        }
        await EnsureRelationshipsAsync(lab.Devices.Select(d => (From: lab.Id, Name: LabModel.Contains, To: d.Id))
            .Concat(lab.Feeds.Select(f => (f.From, Name: DeviceModel.Feeds, f.To))), cancellationToken);
        return created;
    }

    private async Task EnsureRelationshipsAsync(IEnumerable<(string From, string Name, string To)> edges, CancellationToken cancellationToken)
    {
        foreach (var source in edges.GroupBy(e => e.From))
        {
            // Read what exists first: reads do not spend the twins' write budget, so provisioning again costs none.
            var existing = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var relationship in client.GetRelationshipsAsync<JsonObject>(source.Key, cancellationToken: cancellationToken))
            {
                existing.Add(relationship["$relationshipId"]!.GetValue<string>());
            }
            foreach (var edge in source.Where(e => !existing.Contains(RelationshipId(e.Name, e.To))))
            {
                await CreateRelationshipAsync(edge.From, edge.Name, edge.To, cancellationToken);
            }
        }
    }

    // A stable id per edge, so that provisioning again finds the same relationship.
    private static string RelationshipId(string name, string targetId) => $"{name}-{targetId}";

    public async Task EnsureModelsAsync(CancellationToken cancellationToken)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var model in client.GetModelsAsync(cancellationToken))
        {
            existing.Add(model.Id);
        }
        var missing = catalog.Models.Where(m => !existing.Contains(m.Key)).Select(m => m.Value.ToJsonString()).ToList();
        if (missing.Count == 0)
        {
            return;
        }
        try
        {
            await client.CreateModelsAsync(missing, cancellationToken);
            LogModelsUploaded(logger, missing.Count);
        }
        catch (RequestFailedException error) when (error.ErrorCode == AdtErrorCodes.ModelIdAlreadyExists)
        {
            // Another replica uploaded them between our list and our upload.
        }
    }

    // True when the twin had to be created.
    private async Task<bool> EnsureTwinAsync(string twinId, string modelId, JsonObject properties, CancellationToken cancellationToken)
    {
        try
        {
            await client.GetDigitalTwinAsync<JsonObject>(twinId, cancellationToken);
            return false;
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            // Missing: created below.
        }
        properties["$metadata"] = new JsonObject { ["$model"] = modelId };
        await limiter.AcquireAsync(WriteKind.CreateOrDelete, [twinId], cancellationToken);
        try
        {
            await client.CreateOrReplaceDigitalTwinAsync(twinId, properties, ETag.All, cancellationToken);
            LogTwinCreated(logger, twinId, modelId);
            return true;
        }
        catch (RequestFailedException error) when (error.Status == 412)
        {
            // If-None-Match: * and the twin exists: it keeps its state.
            return false;
        }
    }

    private async Task CreateRelationshipAsync(string sourceId, string name, string targetId, CancellationToken cancellationToken)
    {
        var relationship = new JsonObject { ["$relationshipName"] = name, ["$targetId"] = targetId };
        // ADT counts a relationship write against both twins' budget of 10 writes a second.
        await limiter.AcquireAsync(WriteKind.CreateOrDelete, [sourceId, targetId], cancellationToken);
        try
        {
            await client.CreateOrReplaceRelationshipAsync(sourceId, RelationshipId(name, targetId), relationship, ETag.All, cancellationToken);
        }
        catch (RequestFailedException error) when (error.Status == 412)
        {
            // It exists already.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Uploaded {Count} models")]
    private static partial void LogModelsUploaded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created twin {TwinId} of {ModelId}")]
    private static partial void LogTwinCreated(ILogger logger, string twinId, string modelId);
}
