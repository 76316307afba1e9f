using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace PlateletTwins.Tests.Distributed;

/// <summary>The thin path through the three real processes: simulator → ingestion → MockAdt, and its trace.</summary>
[Collection(AppHostTestGroup.Name)]
public sealed class EndToEndTests(AppHostFixture fixture)
{
    private const string TwinId = "centrifuge-01";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_simulators_update_reaches_the_twin_in_MockAdt_with_its_source_time()
    {
        using var adt = fixture.CreateAdtClient();
        var twin = await WaitForTwinAsync(adt, t => t["status"] is not null);

        Assert.NotNull(twin);
        Assert.Equal("Idle", twin["status"]!.GetValue<string>());
        Assert.Equal(0, twin["inUse"]!.GetValue<int>());
        Assert.Equal(12, twin["capacity"]!.GetValue<int>());
        Assert.Equal("dtmi:platelettwins:devices:Centrifuge;1", twin["$metadata"]!["$model"]!.GetValue<string>());
        // Simulated time zero is 07:00 of the run's day: the source time of the first update.
        var sourceTime = DateTimeOffset.Parse(twin["$metadata"]!["status"]!["sourceTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new TimeSpan(7, 0, 0), sourceTime.UtcDateTime.TimeOfDay);
    }

    [Fact]
    public async Task One_trace_spans_the_simulator_the_ingestion_service_and_MockAdt()
    {
        var created = await fixture.Telemetry.WaitForSpanAsync(
            s => s.ServiceName == "simulator" && s.Name == "create device-update" && s.Attributes.GetValueOrDefault("digitaltwins.twin.id") == TwinId,
            Patience);
        Assert.NotNull(created);

        var written = await fixture.Telemetry.WaitForSpanAsync(
            s => s.ServiceName == "ingestion" && s.Name == "update twin" && s.TraceId == created.TraceId,
            Patience);
        Assert.NotNull(written);
        Assert.Equal(created.SpanId, written.ParentSpanId);

        // MockAdt's server span is in the same trace only if the W3C traceparent reached it.
        var received = await fixture.Telemetry.WaitForSpanAsync(
            s => s.ServiceName == "mockadt" && s.Kind == 2 && s.TraceId == created.TraceId && s.Attributes.GetValueOrDefault("http.request.method") == "PATCH",
            Patience);
        Assert.NotNull(received);
        Assert.Equal($"/digitaltwins/{TwinId}", received.Attributes.GetValueOrDefault("url.path"));
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
