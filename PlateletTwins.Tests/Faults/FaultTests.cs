using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PlateletTwins.Tests.Faults;

/// <summary>
/// The promise that nothing accepted is lost, tried with real processes: each scenario streams 36 h of the stress
/// profile at full speed into MockAdt (cloud profile), breaks something on the way, and ends with every twin equal to
/// the simulator's last state, the run's twin Completed and every event delivered once, with no human step.
/// </summary>
[Collection(FaultTestGroup.Name)]
public sealed class FaultTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunWithin = TimeSpan.FromSeconds(120);

    // 36 simulated hours in about ten seconds: long enough for a fault to fall in the middle of the run.
    private const string MidRunSpeed = "12960";

    [Fact]
    public async Task The_ingestion_service_killed_during_the_run_resumes_from_its_journal()
    {
        await using var lab = new FaultLab();
        await lab.StartAdtAsync();
        await lab.StartIngestionAsync();
        await lab.StartSimulatorAsync(seed: 1, speed: MidRunSpeed);
        await WaitForAsync(lab, status => status["updates"]!["accepted"]!.GetValue<long>() > 100, "100 updates accepted");

        await lab.Ingestion!.KillAsync();
        await lab.StartIngestionAsync();

        var report = await lab.WaitForReportAsync(RunWithin);
        await lab.AssertTwinsExactAsync(report);
        await lab.AssertEventsDeliveredAsync(report);
        await lab.AssertPoolsExactAsync(seed: 1);
        output.WriteLine($"killed during the run: {report["updatesSent"]} updates, {report["updatesCoalesced"]} coalesced, {report["eventsSent"]} events");
    }

    [Fact]
    public async Task The_ingestion_service_killed_right_after_the_last_batch_writes_what_it_had_accepted()
    {
        // Writes held back, so that the whole run is accepted long before it is written.
        await using var lab = new FaultLab();
        lab.IngestionSettings["Writes__InstanceRate"] = "3";
        await lab.StartAdtAsync();
        await lab.StartIngestionAsync();
        await lab.StartSimulatorAsync(seed: 3);
        var before = await WaitForAsync(lab, status =>
            RunTwin(status)?["accepted"]?.GetValue<long>() >= 36 && status["updates"]!["pending"]!.GetValue<long>() > 0,
            "the run's last batch accepted, its writes pending");

        await lab.Ingestion!.KillAsync();
        lab.IngestionSettings.Remove("Writes__InstanceRate");
        await lab.StartIngestionAsync();

        var report = await lab.WaitForReportAsync(RunWithin);
        await lab.AssertTwinsExactAsync(report);
        await lab.AssertEventsDeliveredAsync(report);
        output.WriteLine($"killed with {before["updates"]!["pending"]} updates pending: {report["updatesSent"]} updates, {report["eventsSent"]} events");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task MockAdt_killed_and_restarted_with_or_without_its_graph_ends_with_every_twin_exact(bool persist)
    {
        await using var lab = new FaultLab();
        lab.IngestionSettings["Writes__InstanceRate"] = "50";
        await lab.StartAdtAsync(persist);
        await lab.StartIngestionAsync();
        await lab.StartSimulatorAsync(seed: 4, speed: MidRunSpeed);
        await WaitForAsync(lab, status => status["updates"]!["acknowledged"]!.GetValue<long>() > 100, "100 updates in ADT");

        await lab.Adt!.KillAsync();
        // Without a data directory it comes back empty, and the ingestion service provisions the graph again.
        await lab.StartAdtAsync(persist);

        var report = await lab.WaitForReportAsync(RunWithin);
        await lab.AssertTwinsExactAsync(report);
        // Without its graph, the pools it held come back as the intake last knew them, and their later steps land.
        await lab.AssertPoolsExactAsync(seed: 4);
        output.WriteLine($"MockAdt restarted (persisting: {persist}): {report["updatesSent"]} updates, {report["eventsSent"]} events");
    }

    [Fact]
    public async Task An_intake_frozen_for_40_seconds_holds_the_simulation_back_and_loses_nothing()
    {
        await using var lab = new FaultLab();
        await lab.StartAdtAsync();
        await lab.StartIngestionAsync();
        await lab.StartSimulatorAsync(seed: 5, speed: MidRunSpeed);
        await WaitForAsync(lab, status => status["updates"]!["accepted"]!.GetValue<long>() > 100, "100 updates accepted");

        await lab.Ingestion!.FreezeAsync();
        // The wait is the subject: the simulator must ride out 40 s of an intake that answers nothing.
        await Task.Delay(TimeSpan.FromSeconds(40));
        Assert.False(lab.Simulator!.HasExited, $"the simulator died while the intake hung:\n{lab.Simulator.Output}");
        await lab.Ingestion.ThawAsync();

        var report = await lab.WaitForReportAsync(RunWithin);
        await lab.AssertTwinsExactAsync(report);
        await lab.AssertEventsDeliveredAsync(report);
    }

    [Fact]
    public async Task A_simulator_restarted_mid_run_starts_a_run_that_supersedes_the_dead_one()
    {
        await using var lab = new FaultLab();
        lab.IngestionSettings["Writes__InstanceRate"] = "50";
        await lab.StartAdtAsync();
        await lab.StartIngestionAsync();
        await lab.StartSimulatorAsync(seed: 6, speed: MidRunSpeed);
        var first = (await WaitForAsync(lab, status => status["updates"]!["accepted"]!.GetValue<long>() > 100, "100 updates accepted"))["runId"]!.GetValue<string>();

        await lab.Simulator!.KillAsync();
        await lab.StartSimulatorAsync(seed: 6);

        var report = await lab.WaitForReportAsync(RunWithin);
        Assert.NotEqual(first, report["runId"]!.GetValue<string>());
        await lab.AssertTwinsExactAsync(report);
        await lab.AssertEventsDeliveredAsync(report);
        using var adt = lab.AdtClient();
        var dead = (await adt.GetFromJsonAsync<JsonObject>($"/digitaltwins/{first}?api-version=2023-10-31"))!;
        Assert.Equal(SimulationModel.StatusValues.Abandoned, dead[SimulationModel.Status]!.GetValue<string>());
    }

    [Fact]
    public async Task A_second_run_with_another_seed_replaces_the_first_runs_state()
    {
        await using var lab = new FaultLab();
        await lab.StartAdtAsync();
        await lab.StartIngestionAsync();
        await lab.StartSimulatorAsync(seed: 1);
        var first = await lab.WaitForReportAsync(RunWithin);

        // The service stays up once its run is done; a new process starts the next run.
        await lab.Simulator!.KillAsync();
        await lab.StartSimulatorAsync(seed: 2);
        var second = await lab.WaitForReportAsync(RunWithin, count: 2);

        Assert.NotEqual(first["runId"]!.GetValue<string>(), second["runId"]!.GetValue<string>());
        await lab.AssertTwinsExactAsync(second);
        await lab.AssertEventsDeliveredAsync(second);
        using var adt = lab.AdtClient();
        var completed = (await adt.GetFromJsonAsync<JsonObject>($"/digitaltwins/{first["runId"]}?api-version=2023-10-31"))!;
        Assert.Equal(SimulationModel.StatusValues.Completed, completed[SimulationModel.Status]!.GetValue<string>());
    }

    private static JsonNode? RunTwin(JsonObject status) => status["twins"]?[status["runId"]!.GetValue<string>()];

    // The newest run's progress as the intake reports it, until the condition holds.
    private static async Task<JsonObject> WaitForAsync(FaultLab lab, Func<JsonObject, bool> until, string what)
    {
        using var intake = lab.IntakeClient();
        return await Eventually.ReturnsAsync(async () =>
        {
            foreach (var run in await lab.RunTwinsAsync())
            {
                using var response = await intake.GetAsync($"/api/runs/{run!["$dtId"]}");
                if (response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<JsonObject>())! is { } status
                    && status["state"]?.GetValue<string>() == "Streaming")
                {
                    return status;
                }
            }
            return new JsonObject();
        }, status => status.ContainsKey("runId") && until(status), TimeSpan.FromSeconds(60), what);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultTestGroup
{
    public const string Name = "Faults";
}
