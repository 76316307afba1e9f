using System.Diagnostics;
using System.Text.Json.Nodes;
using PlateletTwins.IngestionService.Intake;
using PlateletTwins.IngestionService.Runs;
using PlateletTwins.IngestionService.Twins;

namespace PlateletTwins.Tests.Ingestion;

public sealed class TwinStateTests
{
    private readonly RunRecord _run1 = Run("run-1", 1);

    private static RunRecord Run(string id, long epoch, bool lossless = false) =>
        new(new RunStart(id, 1, "max", DateTimeOffset.UnixEpoch, new LabLayout("lab", "Lab", [new DeviceLayout("separator-01", "Separator", 1)], []), Lossless: lossless),
            epoch, RunState.Streaming);

    private static TwinUpdate Update(long sequence, JsonObject properties, int minute = 0) =>
        new("separator-01", sequence, new DateTimeOffset(2026, 1, 5, 7, minute, 0, TimeSpan.Zero), properties, null, DateTimeOffset.UtcNow);

    private static ActivityContext Context() =>
        new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);

    private bool Merge(TwinState state, TwinUpdate update, RunRecord? run = null) =>
        state.Merge(update, Context(), null, run ?? _run1, out _);

    private bool Merge(TwinState state, TwinUpdate update, ActivityContext context) =>
        state.Merge(update, context, null, _run1, out _);

    [Fact]
    public void The_latest_value_of_each_property_wins_and_the_write_carries_every_update()
    {
        var state = new TwinState("separator-01");
        Merge(state, Update(1, new JsonObject { ["status"] = "Processing", ["inUse"] = 1 }, 1));
        var last = Context();
        Merge(state, Update(2, new JsonObject { ["status"] = "Blocked" }, 2), last);

        var write = state.Take();

        Assert.Equal("Blocked", write.Properties["status"].Value.GetValue<string>());
        Assert.Equal(2, write.Properties["status"].SourceTime.Minute);
        Assert.Equal(1, write.Properties["inUse"].Value.GetValue<int>());
        Assert.Equal(2, write.UpdateCount);
        Assert.Equal(last, write.Parent);
        state.Complete(write, WriteOutcome.Written, null, out var settled);
        Assert.Equal(2, settled);
        Assert.Equal(2, _run1.Progress.Acknowledged);
        Assert.Equal(1, _run1.Progress.Coalesced);
    }

    [Fact]
    public void An_older_sequence_never_overwrites_a_newer_value()
    {
        var state = new TwinState("separator-01");
        Merge(state, Update(5, new JsonObject { ["status"] = "Failed" }));
        Merge(state, Update(4, new JsonObject { ["status"] = "Idle", ["queueLength"] = 3 }));

        var write = state.Take();

        Assert.Equal("Failed", write.Properties["status"].Value.GetValue<string>());
        Assert.Equal(3, write.Properties["queueLength"].Value.GetValue<int>());
    }

    [Fact]
    public void A_twin_is_queued_once_and_not_again_while_its_write_is_in_flight()
    {
        var state = new TwinState("separator-01");
        Assert.True(Merge(state, Update(1, new JsonObject { ["inUse"] = 1 })));
        Assert.False(Merge(state, Update(2, new JsonObject { ["inUse"] = 0 })));

        var write = state.Take();
        Assert.False(Merge(state, Update(3, new JsonObject { ["inUse"] = 1 })));

        // What arrived during the write makes the twin due again as soon as the write ends.
        Assert.True(state.Complete(write, WriteOutcome.Written, null, out _));
        Assert.Equal(1, state.Take().Properties["inUse"].Value.GetValue<int>());
    }

    [Fact]
    public void A_failed_write_comes_back_without_overwriting_what_arrived_meanwhile()
    {
        var state = new TwinState("separator-01");
        Merge(state, Update(1, new JsonObject { ["status"] = "Processing", ["inUse"] = 1 }));
        var failed = state.Take();
        Merge(state, Update(2, new JsonObject { ["status"] = "Idle" }));

        Assert.True(state.Complete(failed, WriteOutcome.RetryLater, null, out var settled));
        Assert.Equal(0, settled);
        var retry = state.Take();

        Assert.Equal("Idle", retry.Properties["status"].Value.GetValue<string>());
        Assert.Equal(1, retry.Properties["inUse"].Value.GetValue<int>());
        Assert.Equal(2, retry.UpdateCount);
    }

    [Fact]
    public void A_successful_write_with_nothing_new_leaves_the_twin_clean()
    {
        var state = new TwinState("separator-01");
        Merge(state, Update(1, new JsonObject { ["inUse"] = 1 }));
        Assert.False(state.Complete(state.Take(), WriteOutcome.Written, null, out _));
        Assert.True(Merge(state, Update(2, new JsonObject { ["inUse"] = 0 })));
    }

    [Fact]
    public void A_newer_run_of_the_lab_starts_its_sequences_again_and_supersedes_what_the_earlier_run_had_pending()
    {
        var state = new TwinState("separator-01");
        var run2 = Run("run-2", 2);
        Merge(state, Update(900, new JsonObject { ["status"] = "Failed", ["inUse"] = 1 }));
        state.Complete(state.Take(), WriteOutcome.Written, null, out _);
        Merge(state, Update(901, new JsonObject { ["status"] = "Blocked" }));

        // Run 2's first update has a far lower sequence than run 1's last; it still wins.
        Merge(state, Update(1, new JsonObject { ["status"] = "Idle" }), run2);
        var write = state.Take();

        Assert.Equal("Idle", write.Properties["status"].Value.GetValue<string>());
        Assert.False(write.Properties.ContainsKey("inUse"));
        Assert.Equal(1, write.UpdateCount);
        Assert.Equal(1, _run1.Progress.Superseded);
        Assert.Equal(new TwinProgress("run-2", 1, -1, 1), state.Progress());
        // Run 1's updates no longer count: replayed after run 2 took the twin, one is superseded at once.
        Assert.False(state.Merge(Update(902, new JsonObject { ["status"] = "Processing" }), Context(), null, _run1, out var settled));
        Assert.Equal(1, settled);
    }

    [Fact]
    public void A_lossless_run_writes_every_update_on_its_own_in_sequence_order()
    {
        var state = new TwinState("separator-01");
        var run = Run("run-lossless", 1, lossless: true);
        Merge(state, Update(1, new JsonObject { ["queueLength"] = 1 }), run);
        Merge(state, Update(3, new JsonObject { ["queueLength"] = 3 }), run);
        Merge(state, Update(2, new JsonObject { ["queueLength"] = 2 }), run);

        Assert.Equal(3, state.QueuedWrites);
        var values = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var write = state.Take();
            Assert.Equal(1, write.UpdateCount);
            values.Add(write.Properties["queueLength"].Value.GetValue<int>());
            state.Complete(write, WriteOutcome.Written, null, out _);
        }
        Assert.Equal([1, 2, 3], values);
        Assert.Equal(0, run.Progress.Coalesced);
        Assert.Equal(3, run.Progress.Acknowledged);
    }

    [Fact]
    public void A_twin_created_again_gets_its_whole_acknowledged_state_under_anything_newer()
    {
        var state = new TwinState("separator-01");
        Merge(state, Update(1, new JsonObject { ["status"] = "Processing", ["inUse"] = 1, ["queueLength"] = 4 }));
        state.Complete(state.Take(), WriteOutcome.Written, null, out _);
        Merge(state, Update(2, new JsonObject { ["queueLength"] = 5 }));

        state.RestoreFullState();
        var write = state.Take();

        Assert.Equal("Processing", write.Properties["status"].Value.GetValue<string>());
        Assert.Equal(1, write.Properties["inUse"].Value.GetValue<int>());
        Assert.Equal(5, write.Properties["queueLength"].Value.GetValue<int>());
    }

    [Fact]
    public void A_value_refused_for_good_is_not_acknowledged_and_an_older_one_is_not_written_after_it()
    {
        var state = new TwinState("separator-01");
        Merge(state, Update(1, new JsonObject { ["status"] = "Processing", ["inUse"] = 1 }));
        state.Complete(state.Take(), WriteOutcome.Written, ["inUse"], out _);
        Merge(state, Update(0, new JsonObject { ["inUse"] = 0 }));

        Assert.True(state.Take().IsEmpty);
        var stored = Stored(state);
        Assert.DoesNotContain("inUse", stored.Acknowledged.Keys);
        Assert.Contains("status", stored.Acknowledged.Keys);
        Assert.Equal(1, stored.Floor["inUse"]);
    }

    [Fact]
    public void A_stored_state_restores_the_run_the_sequences_and_the_floors()
    {
        var state = new TwinState("separator-01");
        Merge(state, Update(7, new JsonObject { ["status"] = "Blocked", ["queueLength"] = 2 }));
        state.Complete(state.Take(), WriteOutcome.Written, null, out _);

        var restored = new TwinState("separator-01");
        restored.Restore(Stored(state));

        Assert.Equal(state.Progress(), restored.Progress());
        // An older update replayed after the restart is not written over what ADT has.
        Assert.False(restored.Merge(Update(6, new JsonObject { ["status"] = "Idle" }), Context(), null, _run1, out var settled));
        Assert.Equal(1, settled);
        Assert.Equal("Blocked", Stored(restored).Acknowledged["status"].Value.GetValue<string>());
    }

    /// <summary>The twin's state as the checkpoint stores it and reads it back.</summary>
    internal static TwinSnapshot Stored(TwinState state)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            state.WriteSnapshot(writer);
        }
        return System.Text.Json.JsonSerializer.Deserialize<TwinSnapshot>(buffer.WrittenSpan, System.Text.Json.JsonSerializerOptions.Web)!;
    }
}
