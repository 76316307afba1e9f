using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using PlateletTwins.SimulatorService.Devices;
using PlateletTwins.SimulatorService.Lab.Model;
using PlateletTwins.SimulatorService.Lab.Running;
using PlateletTwins.SimulatorService.Streaming;
using PlateletTwins.Tests.Infrastructure;
using DeviceModel = PlateletTwins.Dtdl.Lab.DeviceModel;
using SimulationModel = PlateletTwins.Dtdl.Lab.SimulationModel;

namespace PlateletTwins.Tests.Distributed;

/// <summary>The thin path through the three real processes: simulator → ingestion → MockAdt, and its trace.</summary>
[Collection(AppHostTestGroup.Name)]
public sealed class EndToEndTests(AppHostFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Labs => [.. AppHostFixture.LabFiles];

    [Theory]
    [MemberData(nameof(Labs))]
    public async Task After_36_stressed_hours_at_full_speed_every_device_twin_holds_the_simulators_final_state(string labFile)
    {
        using var adt = fixture.CreateAdtClient();
        var config = AppHostFixture.Lab(labFile);
        var twins = new LabTwins(config);
        var run = await WaitForCompletedRunAsync(adt, twins.Lab);

        // Each lab has a seed of its own, which its run twin names.
        var seed = AppHostFixture.SeedOf(labFile);
        Assert.Equal((long)seed, run[SimulationModel.Seed]!.GetValue<long>());

        // The same lab with the same seed, run here: each twin must hold the last update of its device.
        var expected = new List<DeviceUpdate>();
        var lab = new LabModel(new RunOptions { Lab = config, Profile = AppHostFixture.Profile }.EffectiveLab, seed, expected.Add);
        lab.RunUntil(AppHostFixture.Hours * 60);
        Assert.Equal(config.Devices.Count, expected.Select(u => u.DeviceId).Distinct().Count());
        foreach (var last in expected.GroupBy(u => u.DeviceId).Select(g => g.Last()))
        {
            var twinId = twins.Device(last.DeviceId);
            var twin = await WaitForTwinAsync(adt, t => t["$metadata"]?[DeviceModel.Status]?["sourceTime"] is { } time
                && DateTimeOffset.Parse(time.GetValue<string>(), CultureInfo.InvariantCulture) == AppHostFixture.SimulationStart.AddMinutes(last.SimulatedMinutes),
                twinId, $"{twinId} reaching its last update at minute {last.SimulatedMinutes}");
            Assert.Equal(last.Status.ToString(), twin[DeviceModel.Status]!.GetValue<string>());
            Assert.Equal(last.InUse, twin[DeviceModel.InUse]!.GetValue<int>());
            Assert.Equal(last.QueueLength, twin[DeviceModel.QueueLength]!.GetValue<int>());
            Assert.Equal(last.TotalProcessed, twin[DeviceModel.TotalProcessed]!.GetValue<int>());
            Assert.Equal(last.Failures, twin[DeviceModel.Failures]!.GetValue<int>());
        }
        Assert.Contains(expected, u => u.Failures > 0);

        // Each failure reached ADT's telemetry API as one event of its device, a retry never a second one.
        var failures = lab.Devices.Sum(d => d.Statistics.Failures);
        var telemetry = (await adt.GetFromJsonAsync<JsonArray>("/mockadt/telemetry?max=10000"))!;
        Assert.Equal(failures, telemetry.Count(m => m!["twinId"]!.GetValue<string>().StartsWith($"{twins.Lab}.", StringComparison.Ordinal)
            && m["body"]![DeviceModel.Event]!["type"]!.GetValue<string>() == "Failed"));

        // The run's own twin holds its KPIs.
        Assert.Equal(lab.Statistics.PoolsReleased, run[SimulationModel.PoolsReleased]!.GetValue<int>());
        Assert.Equal(lab.Statistics.WbReceived, run[SimulationModel.WbReceived]!.GetValue<int>());
        Assert.Equal(lab.Statistics.PoolsScrapped, run[SimulationModel.PoolsScrapped]!.GetValue<int>());
        Assert.Equal(AppHostFixture.Hours * 60, run[SimulationModel.SimulatedMinutes]!.GetValue<double>());
        Assert.Equal("stress", run[SimulationModel.Profile]!.GetValue<string>());
    }

    [Theory]
    [InlineData("ingestion", "/live/", "Live lab view")]
    [InlineData("mockadt", "/mockadt/explorer/", "MockAdt explorer")]
    public async Task The_dashboard_links_to_the_pages_and_they_answer(string resource, string path, string text)
    {
        var notifications = fixture.App.Services.GetRequiredService<ResourceNotificationService>();
        Assert.True(notifications.TryGetCurrentState(resource, out var state), resource);
        var link = Assert.Single(state.Snapshot.Urls, u => u.DisplayProperties.DisplayName == text);
        Assert.StartsWith("http://", link.Url, StringComparison.Ordinal);
        Assert.EndsWith(path, link.Url, StringComparison.Ordinal);

        using var client = new HttpClient();
        var page = await client.GetStringAsync(new Uri(link.Url));
        Assert.Contains("<!DOCTYPE html>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_across_the_labs_and_the_live_view_of_each_lab_show_every_device_in_the_same_status()
    {
        using var adt = fixture.CreateAdtClient();
        var labs = AppHostFixture.LabFiles.Select(AppHostFixture.Lab).ToList();
        foreach (var lab in labs)
        {
            await WaitForCompletedRunAsync(adt, lab.Id);
        }
        using var ingestion = fixture.App.CreateHttpClient("ingestion", "http");
        // Every device of every lab: one query over the whole twin graph (ADT takes a JOIN only from one twin by id, so
        // the lab is the one its twin id begins with).
        var query = new { query = "SELECT T.$dtId AS id, T.status AS status FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:platelettwins:Device;1')" };
        static string LabOf(JsonNode? row) => row!["id"]!.GetValue<string>().Split('.')[0];

        // The last writes may still be on their way: compare until both agree, within a bound.
        var expected = string.Join(", ", labs.OrderBy(l => l.Id, StringComparer.Ordinal).Select(l => $"{l.Id} {l.Devices.Count}"));
        await Eventually.ReturnsAsync(async () =>
        {
            using var response = await adt.PostAsJsonAsync("/query?api-version=2023-10-31", query);
            var rows = (await response.Content.ReadFromJsonAsync<JsonObject>())!["value"]!.AsArray();
            var disagreeing = new List<string>();
            foreach (var lab in rows.GroupBy(LabOf))
            {
                var live = (await ingestion.GetFromJsonAsync<JsonObject>($"/live/snapshot?lab={lab.Key}"))!["twins"]!.AsObject();
                disagreeing.AddRange(lab.Where(r => live[r!["id"]!.GetValue<string>()]?["properties"]?[DeviceModel.Status]?.GetValue<string>() != r!["status"]!.GetValue<string>())
                    .Select(r => r!.ToJsonString()));
            }
            var byLab = string.Join(", ", rows.GroupBy(LabOf).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
            return (ByLab: byLab, Disagreeing: string.Join(", ", disagreeing));
        }, seen => seen.ByLab == expected && seen.Disagreeing.Length == 0, TimeSpan.FromSeconds(30),
            $"the devices of each lab ({expected}) in the query, each named within its lab and in its lab's live view in the same status");
    }

    /// <summary>The run's twin of lab <paramref name="labId"/> (found as the source of the lab's incoming <c>simulates</c>), once its status is Completed.</summary>
    internal static async Task<JsonObject> WaitForCompletedRunAsync(HttpClient adt, string labId)
    {
        // A query, not the lab's incoming relationships: their first page may hold only pools' locatedAt.
        var query = new { query = $"SELECT R.$sourceId AS run FROM RELATIONSHIPS R WHERE R.$targetId = '{labId}' AND R.$relationshipName = 'simulates'" };
        var runId = await Eventually.ReturnsAsync(async () =>
        {
            // Until the run has provisioned the lab, there is none: wait for it as for the rest.
            using var response = await adt.PostAsJsonAsync("/query?api-version=2023-10-31", query);
            var rows = response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonObject>())?["value"]?.AsArray() : null;
            return rows?.FirstOrDefault()?["run"]?.GetValue<string>();
        }, id => id is not null, TimeSpan.FromMinutes(2), $"a run simulating {labId} in MockAdt");
        return await WaitForTwinAsync(adt, t => t[SimulationModel.Status]?.GetValue<string>() == SimulationModel.StatusValues.Completed,
            runId!, $"run {runId} completed in MockAdt", TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task One_trace_spans_the_simulator_the_ingestion_service_and_MockAdt()
    {
        // An update whose write carried it as the newest value continues its trace into ingestion and MockAdt.
        var spans = fixture.Telemetry;
        var (created, written, received) = await Eventually.ReturnsAsync(() => Task.FromResult(TraceThrough(spans)), trace => trace.Received is not null,
            Patience, "a trace from a simulator update through an ingestion write to MockAdt");

        Assert.Equal(created!.TraceId, written!.TraceId);
        Assert.Equal(created.Attributes["digitaltwins.twin.id"], written.Attributes["digitaltwins.twin.id"]);
        // MockAdt's server span is in the same trace only if the W3C traceparent reached it.
        Assert.Equal($"/digitaltwins/{created.Attributes["digitaltwins.twin.id"]}", received!.Attributes.GetValueOrDefault("url.path"));
    }

    // The first ingestion write whose parent is a simulator update and whose trace reached MockAdt's PATCH, if any yet.
    private static (OtlpSpan? Created, OtlpSpan? Written, OtlpSpan? Received) TraceThrough(OtlpReceiver spans)
    {
        foreach (var write in spans.Spans.Where(s => s.ServiceName == "ingestion" && s.Name == "update twin").ToList())
        {
            var created = spans.Spans.FirstOrDefault(s => s.ServiceName == "simulator" && s.Name == "create device-update" && s.SpanId == write.ParentSpanId && s.TraceId == write.TraceId);
            var received = created is null ? null : spans.Spans.FirstOrDefault(s => s.ServiceName == "mockadt" && s.Kind == 2 && s.TraceId == write.TraceId
                && s.Attributes.GetValueOrDefault("http.request.method") == "PATCH");
            if (received is not null)
            {
                return (created, write, received);
            }
        }
        return (null, null, null);
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
        foreach (var device in devices.Select(d => $"platelet-lab.{d}"))
        {
            await WaitForTwinAsync(adt, t => t[DeviceModel.Status] is not null, device, $"a status of {device} in MockAdt");
        }
    }

    private static async Task<JsonObject> WaitForTwinAsync(HttpClient adt, Func<JsonObject, bool> ready, string twinId, string what, TimeSpan? within = null)
    {
        var twin = await Eventually.ReturnsAsync(async () =>
        {
            using var response = await adt.GetAsync($"/digitaltwins/{twinId}?api-version=2023-10-31");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
        }, t => t is not null && ready(t), within ?? Patience, what);
        return twin!;
    }
}
