using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Lab;
using static PlateletTwins.Tests.MockAdt.MockAdtFixture;

namespace PlateletTwins.Tests.MockAdt.Pools;

/// <summary>Pools, devices and a lab written through MockAdt's REST API as the intake writes them: the project's models, ProcessFlow;2 included.</summary>
public static class PoolTwins
{
    public static async Task UploadModelsAsync(HttpClient client) =>
        (await client.PostAsync($"/models?{ApiVersion}", JsonBody(ProjectModels()))).EnsureSuccessStatusCode();

    public static Task<HttpResponseMessage> PutTwinAsync(HttpClient client, string id, string model, JsonObject? properties = null)
    {
        var twin = properties ?? [];
        twin["$metadata"] = new JsonObject { ["$model"] = model };
        return client.PutAsync($"/digitaltwins/{id}?{ApiVersion}", JsonBody(twin));
    }

    public static Task<HttpResponseMessage> PutDeviceAsync(HttpClient client, string id, string deviceType) =>
        PutTwinAsync(client, id, DeviceModel.ModelIdOf(deviceType), new JsonObject { [DeviceModel.Status] = "Idle" });

    public static Task<HttpResponseMessage> PutPoolAsync(HttpClient client, int n, JsonObject pool) =>
        PutTwinAsync(client, PoolDocuments.PoolTwinId(n), ProcessFlowModel.Id, pool);

    /// <summary>Creates or moves the pool's one processedBy relationship (same id, the new device as target).</summary>
    public static Task<HttpResponseMessage> PutProcessedByAsync(HttpClient client, string poolTwinId, string deviceId) =>
        client.PutAsync($"/digitaltwins/{poolTwinId}/relationships/{ProcessFlowModel.ProcessedById(poolTwinId)}?{ApiVersion}", JsonBody(new JsonObject
        {
            ["$relationshipName"] = ProcessFlowModel.ProcessedBy,
            ["$targetId"] = deviceId,
        }));

    public static Task<HttpResponseMessage> PutLocatedAtAsync(HttpClient client, string poolTwinId) =>
        client.PutAsync($"/digitaltwins/{poolTwinId}/relationships/{ProcessFlowModel.LocatedAtId(poolTwinId)}?{ApiVersion}", JsonBody(new JsonObject
        {
            ["$relationshipName"] = ProcessFlowModel.LocatedAt,
            ["$targetId"] = PoolDocuments.Lab,
        }));

    public static Task<HttpResponseMessage> DeleteProcessedByAsync(HttpClient client, string poolTwinId) =>
        client.DeleteAsync($"/digitaltwins/{poolTwinId}/relationships/{ProcessFlowModel.ProcessedById(poolTwinId)}?{ApiVersion}");
}
