using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Lab;
using static PlateletTwins.Tests.Ingestion.IntakeMessages;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>
/// A twin id is one lab's own: a run of another lab that names a device of a lab streaming now is refused before
/// anything is written (both would write one twin), with the device it shares; once that lab's run completed, or with
/// its own device ids, the other lab runs (but cannot take over a pool twin of the first).
/// </summary>
public sealed class RunConflictTests
{
    [Fact]
    public async Task A_lab_naming_a_device_of_a_lab_still_streaming_is_refused_until_that_run_completed()
    {
        await using var intake = await RunningIntake.StartAsync("run-first");
        var second = Run("run-second");
        second["lab"]!["id"] = "second-lab";

        using var refused = await intake.Client.PostAsJsonAsync("/api/runs", second);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = (await refused.Content.ReadFromJsonAsync<JsonObject>())!;
        var errors = problem["errors"]!.AsObject();
        Assert.Equal(Devices.Length, errors.Count);
        Assert.Contains("'platelet-lab'", errors["$.lab.devices[0].id"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        using var adt = intake.Adt.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await adt.GetAsync("/digitaltwins/second-lab?api-version=2023-10-31")).StatusCode);

        // Its own device ids: it runs beside the first.
        var own = Run("run-own");
        own["lab"]!["id"] = "own-lab";
        foreach (var device in own["lab"]!["devices"]!.AsArray())
        {
            device!["id"] = "own-lab-" + device["id"]!.GetValue<string>();
        }
        foreach (var feed in own["lab"]!["feeds"]!.AsArray())
        {
            feed!["from"] = "own-lab-" + feed["from"]!.GetValue<string>();
            feed["to"] = "own-lab-" + feed["to"]!.GetValue<string>();
        }
        using (var beside = await intake.Client.PostAsJsonAsync("/api/runs", own))
        {
            Assert.Equal(HttpStatusCode.OK, beside.StatusCode);
        }

        // Pools are numbered per lab: the first lab's pool twin is not taken over by the other's pool of that number.
        var pool = PoolMessages.TwinId(1);
        var first = PoolMessages.Journey("run-first", 1, 1, released: false, out var alive);
        await PoolMessages.SendAsync(intake.Client, "run-first", first, size: 10);
        await PoolReads.WaitUntilDoneAsync(intake.Client, "run-first", TimeSpan.FromSeconds(30));
        var taking = PoolMessages.Change(pool, 0, Start, "createTwin", new JsonObject { [ProcessFlowModel.LabId] = "own-lab", [ProcessFlowModel.Stage] = "Pooling" });
        using (var takeOver = await intake.Client.PostAsJsonAsync("/api/telemetry", PoolMessages.Batch("run-own", [taking])))
        {
            Assert.Equal(HttpStatusCode.MultiStatus, takeOver.StatusCode);
            var result = (await takeOver.Content.ReadFromJsonAsync<JsonObject>())!["results"]![0]!;
            Assert.Equal("TwinOfAnotherLab", result["code"]!.GetValue<string>());
        }
        Assert.Equal(alive!.Properties[ProcessFlowModel.LabId]!.GetValue<string>(), (await PoolReads.TwinAsync(adt, pool))![ProcessFlowModel.LabId]!.GetValue<string>());

        // The first run completes (its twin says so in ADT): its devices are free for another lab.
        var completed = Batch("run-first", [Update("run-first", 1, 60, new JsonObject { [SimulationModel.Status] = SimulationModel.StatusValues.Completed })]);
        (await intake.Client.PostAsJsonAsync("/api/telemetry", completed)).EnsureSuccessStatusCode();
        await PoolReads.WaitUntilDoneAsync(intake.Client, "run-first", TimeSpan.FromSeconds(30));
        using var taken = await intake.Client.PostAsJsonAsync("/api/runs", second);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
    }
}
