using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.IngestionService.DeadLetters;
using PlateletTwins.IngestionService.Scheduling;
using PlateletTwins.IngestionService.Twins;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.Ingestion.IntakeMessages;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>
/// Random streams of updates through the ingestion service into MockAdt under its cloud and chaos profiles: the final
/// state of every twin is the last update of every property; nothing is lost or dead-lettered.
/// </summary>
public sealed class ConvergenceTests
{
    private static readonly string[] Statuses = ["Idle", "Processing", "Blocked", "Failed"];

    [Theory]
    [InlineData("cloud", 1)]
    [InlineData("chaos", 2)]
    public async Task The_final_state_in_ADT_is_the_last_update_of_every_twin(string profile, int seed)
    {
        await using var adt = await MockAdtHost.StartAsync(new Dictionary<string, string?>
        {
            ["MockAdt:Limits:Profile"] = profile,
            ["MockAdt:Limits:Chaos:ThrottleRate"] = "0.1",
            ["MockAdt:Limits:Chaos:ServiceUnavailableRate"] = "0.1",
            ["MockAdt:Limits:Chaos:DropConnectionRate"] = "0.05",
            ["MockAdt:Limits:Chaos:MaxLatency"] = "00:00:00.050",
            ["MockAdt:Limits:Chaos:Seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await using var ingestion = await IngestionHost.StartAsync(adt.Address);
        using var client = ingestion.CreateClient();
        await SendUntilAcceptedAsync(client, "/api/runs", Run("run-converge"));

        var random = new Random(seed);
        var expected = new Dictionary<string, JsonObject>();
        var sequences = Devices.ToDictionary(d => d.Id, _ => 0L);
        var updates = new List<JsonObject>();
        for (var i = 0; i < 600; i++)
        {
            var (id, _, capacity) = Devices[random.Next(Devices.Length)];
            var properties = new JsonObject
            {
                [DeviceModel.Status] = Statuses[random.Next(Statuses.Length)],
                [DeviceModel.InUse] = random.Next(capacity + 1),
                [DeviceModel.QueueLength] = random.Next(200),
            };
            if (random.Next(3) == 0)
            {
                properties.Remove(DeviceModel.QueueLength);
            }
            var sequence = ++sequences[id];
            updates.Add(Update(id, sequence, i, properties));
            var state = expected.TryGetValue(id, out var existing) ? existing : expected[id] = [];
            foreach (var (name, value) in properties)
            {
                state[name] = value!.DeepClone();
            }
        }
        foreach (var chunk in updates.Chunk(50))
        {
            await SendUntilAcceptedAsync(client, "/api/telemetry", Batch("run-converge", chunk));
        }

        var table = ingestion.Services.GetRequiredService<TwinStateTable>();
        await Eventually.TrueAsync(() => table.Backlog == 0, TimeSpan.FromSeconds(90), "an empty backlog of the writer");
        Assert.Empty(ingestion.Services.GetRequiredService<DeadLetterStore>().List());

        // Read back without the chaos: a reader on a MockAdt of its own profile would be refused at random.
        using var reader = adt.CreateClient();
        foreach (var (id, state) in expected)
        {
            var twin = await ReadAsync(reader, id);
            foreach (var (name, value) in state)
            {
                Assert.True(JsonNode.DeepEquals(value, twin[name]), $"{id}.{name}: expected {value!.ToJsonString()}, ADT has {twin[name]?.ToJsonString()}");
            }
        }
        if (profile == "cloud")
        {
            // The writer kept within ADT's limits: the cloud profile never had to throttle it.
            Assert.Equal(0, ingestion.Services.GetRequiredService<AdaptiveRateLimiter>().Throttled);
        }
    }

    private static async Task SendUntilAcceptedAsync(HttpClient client, string path, JsonObject body) =>
        await Eventually.ReturnsAsync(async () =>
        {
            using var response = await client.PostAsJsonAsync(path, body);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted or HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.ServiceUnavailable,
                $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return response.StatusCode;
        }, status => status is HttpStatusCode.OK or HttpStatusCode.Accepted, TimeSpan.FromSeconds(30), $"{path} accepting the batch");

    private static async Task<JsonObject> ReadAsync(HttpClient reader, string id) =>
        (await Eventually.ReturnsAsync(async () =>
        {
            try
            {
                using var response = await reader.GetAsync($"/digitaltwins/{id}?api-version=2023-10-31");
                return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
            }
            catch (HttpRequestException)
            {
                return null;
            }
        }, twin => twin is not null, TimeSpan.FromSeconds(10), $"{id} read back"))!;
}
