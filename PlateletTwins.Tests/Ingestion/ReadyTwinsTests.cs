using System.Diagnostics;
using System.Text.Json.Nodes;
using PlateletTwins.IngestionService.Intake;
using PlateletTwins.IngestionService.Runs;
using PlateletTwins.IngestionService.Twins;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>The writer's ready twins are served run by run in turn: a run with many twins waiting does not hold back another's.</summary>
public sealed class ReadyTwinsTests
{
    [Fact]
    public async Task A_twin_of_a_second_run_is_served_after_one_twin_of_a_run_with_a_hundred_waiting()
    {
        var fast = Run("run-fast", "lab-a", 1);
        var slow = Run("run-slow", "lab-b", 2);
        var ready = new ReadyTwins();
        var fastTwins = Enumerable.Range(0, 100).Select(i => Twin($"lab-a.device-{i}", fast)).ToList();
        fastTwins.ForEach(ready.Enqueue);
        var slowTwin = Twin("lab-b.device-0", slow);
        ready.Enqueue(slowTwin);
        ready.Enqueue(Twin("lab-b.device-1", slow));

        var order = await Take(ready, 102);

        Assert.Equal([fastTwins[0], slowTwin, fastTwins[1]], order.Take(3));
        Assert.Equal("lab-b.device-1", order[3].TwinId);
        // Within a run, first come first served; every twin once.
        Assert.Equal(fastTwins, order.Where(t => t.RunId == "run-fast"));
        Assert.Equal(102, order.Distinct().Count());
        Assert.Equal(0, ready.Count);
    }

    [Fact]
    public async Task A_run_alone_is_served_in_the_order_its_twins_became_ready()
    {
        var run = Run("run-1", "lab", 1);
        var ready = new ReadyTwins();
        var twins = Enumerable.Range(0, 5).Select(i => Twin($"lab.device-{i}", run)).ToList();
        twins.ForEach(ready.Enqueue);
        Assert.Equal(5, ready.Count);
        Assert.Equal(twins, await Take(ready, 5));
    }

    private static async Task<List<TwinState>> Take(ReadyTwins ready, int count)
    {
        var taken = new List<TwinState>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var state in ready.ReadAllAsync(timeout.Token))
        {
            taken.Add(state);
            if (taken.Count == count)
            {
                break;
            }
        }
        return taken;
    }

    private static RunRecord Run(string id, string lab, long epoch) =>
        new(new RunStart(id, 1, "max", DateTimeOffset.UnixEpoch, new LabLayout(lab, lab, [], [])), epoch, RunState.Streaming);

    // A twin with an update of the run pending, as the table queues it.
    private static TwinState Twin(string twinId, RunRecord run)
    {
        var state = new TwinState(twinId);
        var update = new TwinUpdate(twinId, 0, DateTimeOffset.UnixEpoch, new JsonObject { ["status"] = "Idle" }, null, DateTimeOffset.UtcNow);
        Assert.True(state.Merge(update, new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded), null, run, out _));
        return state;
    }
}
