using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.Ingestion.IntakeMessages;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>
/// The live lab view: its snapshot holds only what ADT acknowledged (the page in Chromium: <see cref="LiveViewBrowserTests"/>).
/// </summary>
public sealed class LiveViewTests : IAsyncLifetime
{
    private RunningIntake _intake = null!;

    public async Task InitializeAsync() => _intake = await RunningIntake.StartAsync("run-live");

    public async Task DisposeAsync() => await _intake.DisposeAsync();

    [Fact]
    public async Task The_snapshot_has_the_run_and_a_twins_state_once_ADT_acknowledged_it()
    {
        using var anonymous = new HttpClient { BaseAddress = _intake.Ingestion.Address };
        var empty = (await anonymous.GetFromJsonAsync<JsonObject>("/live/snapshot"))!;
        (await _intake.Client.PostAsJsonAsync("/api/telemetry", Batch("run-live", [Update("centrifuge-02", 1, 10, new JsonObject { ["status"] = "Failed" })]))).EnsureSuccessStatusCode();

        var twin = await Eventually.ReturnsAsync(async () => (await anonymous.GetFromJsonAsync<JsonObject>("/live/snapshot"))!["twins"]!["centrifuge-02"]?.AsObject(),
            t => t is not null, TimeSpan.FromSeconds(10), "centrifuge-02 in the snapshot");

        Assert.Equal("run-live", empty["run"]!["runId"]!.GetValue<string>());
        Assert.Equal(12, empty["run"]!["lab"]!["devices"]!.AsArray().Count);
        Assert.Equal("Failed", twin!["properties"]!["status"]!.GetValue<string>());
        Assert.NotNull(twin["acknowledgedAt"]);
        Assert.Equal("Failed", (await _intake.Adt.CreateClient().GetFromJsonAsync<JsonObject>("/digitaltwins/centrifuge-02?api-version=2023-10-31"))!["status"]!.GetValue<string>());
    }
}
