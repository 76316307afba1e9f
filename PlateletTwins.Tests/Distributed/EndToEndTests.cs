using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PlateletTwins.SimulatorService.Devices;
using PlateletTwins.SimulatorService.Lab.Configuration;
using PlateletTwins.SimulatorService.Lab.Model;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.Distributed;

/// <summary>The thin path through the three real processes: simulator → ingestion → MockAdt, and its trace.</summary>
[Collection(AppHostTestGroup.Name)]
public sealed class EndToEndTests(AppHostFixture fixture)
{
    private const string TwinId = "centrifuge-01";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_twin_in_MockAdt_holds_a_state_the_simulator_sent_with_its_simulated_instant_as_source_time()
    {
        using var adt = fixture.CreateAdtClient();
        var twin = await WaitForTwinAsync(adt, t => t["status"] is not null);
        Assert.NotNull(twin);

        // The same lab with the same seed, run here: the twin must hold one of its updates, at the instant it names.
        var expected = new List<DeviceUpdate>();
        new LabModel(ReferenceLab.Create(), AppHostFixture.Seed, expected.Add).RunUntil(36 * 60);
        var sourceTime = DateTimeOffset.Parse(twin["$metadata"]!["status"]!["sourceTime"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var minute = (sourceTime - AppHostFixture.SimulationStart).TotalMinutes;
        var sent = expected.Where(u => u.DeviceId == TwinId && Math.Abs(u.SimulatedMinutes - minute) < 1e-3).ToList();
        Assert.True(sent.Count == 1, $"no update of {TwinId} at simulated minute {minute}");
        Assert.Equal(sent[0].Status.ToString(), twin["status"]!.GetValue<string>());
        Assert.Equal(sent[0].InUse, twin["inUse"]!.GetValue<int>());
        Assert.Equal(sent[0].QueueLength, twin["queueLength"]!.GetValue<int>());
        Assert.Equal(12, twin["capacity"]!.GetValue<int>());
        Assert.Equal("dtmi:platelettwins:devices:Centrifuge;1", twin["$metadata"]!["$model"]!.GetValue<string>());
    }

    [Fact]
    public async Task One_trace_spans_the_simulator_the_ingestion_service_and_MockAdt()
    {
        // An update whose write carried it as the newest value continues its trace into ingestion and MockAdt.
        var spans = fixture.Telemetry;
        OtlpSpan? created = null, written = null, received = null;
        var deadline = DateTime.UtcNow + Patience;
        while (received is null && DateTime.UtcNow < deadline)
        {
            foreach (var write in spans.Spans.Where(s => s.ServiceName == "ingestion" && s.Name == "update twin").ToList())
            {
                created = spans.Spans.FirstOrDefault(s => s.ServiceName == "simulator" && s.Name == "create device-update" && s.SpanId == write.ParentSpanId && s.TraceId == write.TraceId);
                received = created is null ? null : spans.Spans.FirstOrDefault(s => s.ServiceName == "mockadt" && s.Kind == 2 && s.TraceId == write.TraceId
                    && s.Attributes.GetValueOrDefault("http.request.method") == "PATCH");
                if (received is not null)
                {
                    written = write;
                    break;
                }
            }
            await Task.Delay(250);
        }

        Assert.True(received is not null, "no trace runs from a simulator update through an ingestion write to MockAdt");
        Assert.Equal(created!.TraceId, written!.TraceId);
        Assert.Equal(created.Attributes["digitaltwins.twin.id"], written.Attributes["digitaltwins.twin.id"]);
        // MockAdt's server span is in the same trace only if the W3C traceparent reached it.
        Assert.Equal($"/digitaltwins/{created.Attributes["digitaltwins.twin.id"]}", received.Attributes.GetValueOrDefault("url.path"));
    }

    [Fact]
    public async Task Every_device_of_the_reference_lab_has_a_twin_with_its_first_state()
    {
        using var adt = fixture.CreateAdtClient();
        string[] devices =
        [
            "centrifuge-01", "centrifuge-02", "separator-01", "separator-02", "sterile-connector-01", "pooling-station-01",
            "centrifuge-03", "separator-03", "tube-sealer-01", "illuminator-01", "agitator-01", "label-station-01",
        ];
        foreach (var device in devices)
        {
            var twin = await WaitForTwinAsync(adt, t => t["status"] is not null, device);
            Assert.True(twin is not null, $"{device} has no status in MockAdt");
        }
    }

    private static async Task<JsonObject?> WaitForTwinAsync(HttpClient adt, Func<JsonObject, bool> ready, string twinId = TwinId)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await adt.GetAsync($"/digitaltwins/{twinId}?api-version=2023-10-31");
            if (response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<JsonObject>() is { } twin && ready(twin))
            {
                return twin;
            }
            await Task.Delay(250);
        }
        return null;
    }
}
