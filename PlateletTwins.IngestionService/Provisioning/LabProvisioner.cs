using System.Text.Json.Nodes;
using Azure;
using PlateletTwins.IngestionService.Adt;
using PlateletTwins.IngestionService.Intake;

namespace PlateletTwins.IngestionService.Provisioning;

/// <summary>
/// Makes an ADT instance hold the models of <c>dtdl/</c> and the twins of a lab layout, idempotently: what exists is
/// left as it is (models are immutable in ADT; a twin's live state is not reset), what is missing is created.
/// </summary>
public sealed partial class LabProvisioner(DigitalTwinsClient client, ModelCatalog catalog, ILogger<LabProvisioner> logger)
{
    public async Task ProvisionAsync(LabLayout lab, CancellationToken cancellationToken)
    {
        await EnsureModelsAsync(cancellationToken);
        await EnsureTwinAsync(lab.Id, ModelCatalog.LabModelId, new JsonObject { ["name"] = lab.Name }, cancellationToken);
        foreach (var device in lab.Devices)
        {
            var initial = new JsonObject
            {
                ["deviceType"] = device.Type,
                ["capacity"] = device.Capacity,
            };
            await EnsureTwinAsync(device.Id, catalog.DeviceModelFor(device.Type), initial, cancellationToken);
        }
    }

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
        catch (RequestFailedException error) when (error.ErrorCode == "ModelIdAlreadyExists")
        {
            // Another replica uploaded them between our list and our upload.
        }
    }

    private async Task EnsureTwinAsync(string twinId, string modelId, JsonObject properties, CancellationToken cancellationToken)
    {
        properties["$metadata"] = new JsonObject { ["$model"] = modelId };
        try
        {
            await client.CreateOrReplaceDigitalTwinAsync(twinId, properties, ETag.All, cancellationToken);
            LogTwinCreated(logger, twinId, modelId);
        }
        catch (RequestFailedException error) when (error.Status == 412)
        {
            // If-None-Match: * and the twin exists: it keeps its state.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Uploaded {Count} models")]
    private static partial void LogModelsUploaded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created twin {TwinId} of {ModelId}")]
    private static partial void LogTwinCreated(ILogger logger, string twinId, string modelId);
}
