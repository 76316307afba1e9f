using System.Globalization;
using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Lab;
using static PlateletTwins.Tests.MockAdt.MockAdtFixture;

namespace PlateletTwins.Tests.MockAdt.Pools;

/// <summary>Pools, devices and a lab written through MockAdt's REST API as the intake writes them: the project's models, ProcessFlow;2 included.</summary>
public static class PoolTwins
{
    public const string Lab = "platelet-lab";

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

    /// <summary>A pool's twin with its first values; <paramref name="n"/> gives its ids (P00000n, donations WB…).</summary>
    public static JsonObject Pool(int n, string bloodGroup, string stage, DateTimeOffset oldestCollection)
    {
        var poolId = PoolId(n);
        return new JsonObject
        {
            [ProcessFlowModel.PoolId] = poolId,
            [ProcessFlowModel.LabId] = Lab,
            [ProcessFlowModel.RunId] = "run-1",
            [ProcessFlowModel.BloodGroup] = bloodGroup,
            [ProcessFlowModel.Stage] = stage,
            [ProcessFlowModel.StartTime] = Time(oldestCollection.AddHours(20)),
            [ProcessFlowModel.OldestCollectionTime] = Time(oldestCollection),
            [ProcessFlowModel.ExpiryTime] = Time(oldestCollection.AddDays(7)),
            [ProcessFlowModel.Donations] = new JsonArray([.. Enumerable.Range(0, 5).Select(i => (JsonNode)Donation(5 * n + i))]),
        };
    }

    public static string PoolId(int n) => $"P{n:D6}";

    public static string PoolTwinId(int n) => ProcessFlowModel.TwinId(PoolId(n));

    public static string Donation(int n) => $"WB{n:D6}";

    public static Task<HttpResponseMessage> PutPoolAsync(HttpClient client, int n, JsonObject pool) =>
        PutTwinAsync(client, PoolTwinId(n), ProcessFlowModel.Id, pool);

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
            ["$targetId"] = Lab,
        }));

    public static Task<HttpResponseMessage> DeleteProcessedByAsync(HttpClient client, string poolTwinId) =>
        client.DeleteAsync($"/digitaltwins/{poolTwinId}/relationships/{ProcessFlowModel.ProcessedById(poolTwinId)}?{ApiVersion}");

    /// <summary>ISO 8601 in UTC with a Z, to the second: the one form in which ADT's string comparison orders times rightly.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
