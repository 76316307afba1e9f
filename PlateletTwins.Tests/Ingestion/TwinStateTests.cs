using System.Diagnostics;
using System.Text.Json.Nodes;
using PlateletTwins.IngestionService.Intake;
using PlateletTwins.IngestionService.Twins;

namespace PlateletTwins.Tests.Ingestion;

public sealed class TwinStateTests
{
    private static TwinUpdate Update(long sequence, JsonObject properties, int minute = 0) =>
        new("separator-01", sequence, new DateTimeOffset(2026, 1, 5, 7, minute, 0, TimeSpan.Zero), properties, null, DateTimeOffset.UtcNow);

    private static ActivityContext Context() =>
        new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);

    [Fact]
    public void The_latest_value_of_each_property_wins_and_the_write_carries_every_update()
    {
        var state = new TwinState("separator-01");
        state.Merge(Update(1, new JsonObject { ["status"] = "Processing", ["inUse"] = 1 }, 1), Context(), out _);
        var last = Context();
        state.Merge(Update(2, new JsonObject { ["status"] = "Blocked" }, 2), last, out var coalesced);

        var write = state.Take();

        Assert.Equal(1, coalesced);
        Assert.Equal("Blocked", write.Properties["status"].Value.GetValue<string>());
        Assert.Equal(2, write.Properties["status"].SourceTime.Minute);
        Assert.Equal(1, write.Properties["inUse"].Value.GetValue<int>());
        Assert.Equal(2, write.UpdateCount);
        Assert.Equal(2, write.Sources.Count);
        Assert.Equal(last, write.Parent);
    }

    [Fact]
    public void An_older_sequence_never_overwrites_a_newer_value()
    {
        var state = new TwinState("separator-01");
        state.Merge(Update(5, new JsonObject { ["status"] = "Failed" }), Context(), out _);
        state.Merge(Update(4, new JsonObject { ["status"] = "Idle", ["queueLength"] = 3 }), Context(), out _);

        var write = state.Take();

        Assert.Equal("Failed", write.Properties["status"].Value.GetValue<string>());
        Assert.Equal(3, write.Properties["queueLength"].Value.GetValue<int>());
    }

    [Fact]
    public void A_twin_is_queued_once_and_not_again_while_its_write_is_in_flight()
    {
        var state = new TwinState("separator-01");
        Assert.True(state.Merge(Update(1, new JsonObject { ["inUse"] = 1 }), Context(), out _));
        Assert.False(state.Merge(Update(2, new JsonObject { ["inUse"] = 0 }), Context(), out _));

        var write = state.Take();
        Assert.False(state.Merge(Update(3, new JsonObject { ["inUse"] = 1 }), Context(), out _));

        // What arrived during the write makes the twin due again as soon as the write ends.
        Assert.True(state.Complete(write, succeeded: true));
        Assert.Equal(1, state.Take().Properties["inUse"].Value.GetValue<int>());
    }

    [Fact]
    public void A_failed_write_comes_back_without_overwriting_what_arrived_meanwhile()
    {
        var state = new TwinState("separator-01");
        state.Merge(Update(1, new JsonObject { ["status"] = "Processing", ["inUse"] = 1 }), Context(), out _);
        var failed = state.Take();
        state.Merge(Update(2, new JsonObject { ["status"] = "Idle" }), Context(), out _);

        Assert.True(state.Complete(failed, succeeded: false));
        var retry = state.Take();

        Assert.Equal("Idle", retry.Properties["status"].Value.GetValue<string>());
        Assert.Equal(1, retry.Properties["inUse"].Value.GetValue<int>());
        Assert.Equal(2, retry.UpdateCount);
    }

    [Fact]
    public void A_successful_write_with_nothing_new_leaves_the_twin_clean()
    {
        var state = new TwinState("separator-01");
        state.Merge(Update(1, new JsonObject { ["inUse"] = 1 }), Context(), out _);
        Assert.False(state.Complete(state.Take(), succeeded: true));
        Assert.True(state.Merge(Update(2, new JsonObject { ["inUse"] = 0 }), Context(), out _));
    }
}
