using System.Diagnostics;
using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.IngestionService.Intake;
using PlateletTwins.IngestionService.Runs;
using PlateletTwins.IngestionService.Twins;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>A twin the run created, lost by ADT: restored ahead of what is queued for it, and not once ADT no longer should have it.</summary>
public sealed class TwinStateRestoreTests
{
    private const string Pool = "pool-P000001";

    private static readonly DateTimeOffset Time = new(2026, 1, 5, 7, 0, 0, TimeSpan.Zero);

    private readonly RunRecord _run = new(
        new RunStart("run-1", 1, "max", DateTimeOffset.UnixEpoch, new LabLayout("lab", "Lab", [new DeviceLayout("agitator-01", "Agitator", 1)], [])),
        1, RunState.Streaming);

    private static TwinChange Change(long sequence, TwinChangeKind kind, JsonObject? properties = null, RelationshipChange? relationship = null) =>
        new(Pool, sequence, Time.AddMinutes(sequence), kind, ProcessFlowModel.Id, properties, relationship, null, DateTimeOffset.UtcNow);

    private static ActivityContext Context() => new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);

    // Created with a stage, located at the lab, moved to the agitator: each acknowledged by ADT.
    private TwinState AcknowledgedPool()
    {
        var state = new TwinState(Pool);
        TwinChange[] changes =
        [
            Change(0, TwinChangeKind.CreateTwin, new JsonObject { [ProcessFlowModel.Stage] = "Pooling" }),
            Change(1, TwinChangeKind.PutRelationship, relationship: new(ProcessFlowModel.LocatedAtId(Pool), ProcessFlowModel.LocatedAt, "lab")),
            Change(2, TwinChangeKind.PutRelationship, relationship: new(ProcessFlowModel.ProcessedById(Pool), ProcessFlowModel.ProcessedBy, "agitator-01")),
        ];
        foreach (var change in changes)
        {
            state.Merge(change, Context(), null, _run, out _);
            Assert.Same(change, TakeAndComplete(state, expectRestore: false).Change);
        }
        return state;
    }

    // The twin as a restarted service finds it: from what the checkpoint stored.
    private static TwinState AfterRestart(TwinState state)
    {
        var restarted = new TwinState(Pool);
        restarted.Restore(TwinStateTests.Stored(state));
        return restarted;
    }

    // The twin's next write, taken and acknowledged by ADT: a restore or not, as expected.
    private static PendingWrite TakeAndComplete(TwinState state, bool expectRestore)
    {
        var write = state.Take();
        Assert.Equal(expectRestore, write.Restores);
        state.Complete(write, WriteOutcome.Written, null, out _);
        return write;
    }

    [Fact]
    public void A_restore_that_a_restart_interrupted_is_done_again_after_it_and_not_once_it_is_done()
    {
        var state = AcknowledgedPool();
        Assert.True(state.RestoreLifecycle(_run, out _));
        // The twin is there again, its relationships not yet, when the service stops.
        TakeAndComplete(state, expectRestore: true);

        var restarted = AfterRestart(state);
        Assert.True(restarted.ResumeRestore(id => id == _run.RunId ? _run : null, out var due));
        Assert.True(due);

        var create = TakeAndComplete(restarted, expectRestore: true);
        Assert.Equal(TwinChangeKind.CreateTwin, create.Change!.Kind);
        Assert.Equal("Pooling", create.Properties[ProcessFlowModel.Stage].Value.GetValue<string>());
        var targets = new[] { TakeAndComplete(restarted, expectRestore: true), TakeAndComplete(restarted, expectRestore: true) }
            .Select(w => w.Change!.Relationship!.TargetId).Order();
        Assert.Equal(["agitator-01", "lab"], targets);

        // Done: a second restart has nothing to restore.
        Assert.False(AfterRestart(restarted).ResumeRestore(_ => _run, out _));
    }

    [Fact]
    public void A_restore_made_moot_by_the_twins_deletion_is_not_resumed()
    {
        var state = AcknowledgedPool();
        Assert.True(state.RestoreLifecycle(_run, out _));
        state.MarkDeleted();

        var restarted = AfterRestart(state);

        Assert.False(restarted.ResumeRestore(_ => _run, out _));
    }

    [Fact]
    public void A_lost_twin_is_created_again_with_its_values_and_relationships_before_the_write_that_found_it_gone()
    {
        var state = AcknowledgedPool();
        state.Merge(new TwinUpdate(Pool, 3, Time.AddMinutes(3), new JsonObject { [ProcessFlowModel.Stage] = "Storage" }, null, DateTimeOffset.UtcNow), Context(), null, _run, out _);
        var patch = state.Take();
        Assert.Null(patch.Change);

        // The patch found the twin gone: the recovery restores it while the patch is in flight, and the patch goes back.
        Assert.True(state.RestoreLifecycle(_run, out _));
        Assert.False(state.RestoreLifecycle(_run, out _));
        state.Complete(patch, WriteOutcome.RetryLater, null, out _);

        var create = TakeAndComplete(state, expectRestore: true);
        Assert.Equal(TwinChangeKind.CreateTwin, create.Change!.Kind);
        Assert.Equal(ProcessFlowModel.Id, create.Change.ModelId);
        Assert.Equal("Pooling", create.Properties[ProcessFlowModel.Stage].Value.GetValue<string>());
        var restored = new List<(string?, string?)>();
        for (var i = 0; i < 2; i++)
        {
            var relationship = TakeAndComplete(state, expectRestore: true);
            restored.Add((relationship.Change!.Relationship!.Id, relationship.Change.Relationship.TargetId));
        }
        Assert.Equal([(ProcessFlowModel.LocatedAtId(Pool), "lab"), (ProcessFlowModel.ProcessedById(Pool), "agitator-01")], restored.Order());

        var again = state.Take();
        Assert.False(again.Restores);
        Assert.Equal("Storage", again.Properties[ProcessFlowModel.Stage].Value.GetValue<string>());
        state.Complete(again, WriteOutcome.Written, null, out var settled);
        Assert.Equal(1, settled);
        // The restore is none of the run's changes.
        Assert.Equal(3, _run.Progress.ChangesAcknowledged);
    }

    [Fact]
    public void A_move_that_lands_while_the_twin_is_re_created_is_the_one_restored()
    {
        var state = AcknowledgedPool();
        var processedBy = ProcessFlowModel.ProcessedById(Pool);
        state.Merge(Change(3, TwinChangeKind.PutRelationship, relationship: new(processedBy, ProcessFlowModel.ProcessedBy, "label-station-01")), Context(), null, _run, out _);
        var move = state.Take();

        // ADT took the move, then lost the twin; the recovery comes while the move's answer is on its way.
        Assert.True(state.RestoreLifecycle(_run, out _));
        state.Complete(move, WriteOutcome.Written, null, out _);
        TakeAndComplete(state, expectRestore: true);
        var restored = new Dictionary<string, string?>();
        for (var write = state.Take(); !write.IsEmpty; write = state.Take())
        {
            Assert.True(write.Restores);
            restored[write.Change!.Relationship!.Id] = write.Change.Relationship.TargetId;
            state.Complete(write, WriteOutcome.Written, null, out _);
        }

        Assert.Equal("label-station-01", restored[processedBy]);
        Assert.Equal("lab", restored[ProcessFlowModel.LocatedAtId(Pool)]);
        Assert.Equal(new TwinProgress("run-1", 3, 3, 0, 0), state.Progress());
    }

    [Fact]
    public void A_twin_whose_createTwin_ADT_refused_is_not_restored()
    {
        var state = new TwinState(Pool);
        state.Merge(Change(0, TwinChangeKind.CreateTwin, new JsonObject { [ProcessFlowModel.Stage] = "Pooling" }), Context(), null, _run, out _);
        state.Complete(state.Take(), WriteOutcome.DeadLettered, null, out _);

        Assert.True(state.TakesWrites);
        Assert.False(state.WasCreated);
        Assert.False(state.RestoreLifecycle(_run, out _));
    }

    [Fact]
    public void A_restore_that_the_twins_own_delete_made_moot_is_dropped()
    {
        var state = AcknowledgedPool();
        TwinChange[] ending =
        [
            Change(3, TwinChangeKind.DeleteRelationship, relationship: new(ProcessFlowModel.ProcessedById(Pool))),
            Change(4, TwinChangeKind.DeleteRelationship, relationship: new(ProcessFlowModel.LocatedAtId(Pool))),
            Change(5, TwinChangeKind.DeleteTwin),
        ];
        foreach (var change in ending)
        {
            state.Merge(change, Context(), null, _run, out _);
        }
        var first = state.Take();
        Assert.True(state.RestoreLifecycle(_run, out _));
        // Its relationship delete finds nothing (ADT lost it): done; the restore of that relationship goes with it.
        state.Complete(first, WriteOutcome.Written, null, out _);

        TakeAndComplete(state, expectRestore: true);
        var locatedAt = TakeAndComplete(state, expectRestore: true);
        Assert.Equal(ProcessFlowModel.LocatedAtId(Pool), locatedAt.Change!.Relationship!.Id);
        foreach (var change in ending[1..])
        {
            Assert.Same(change, TakeAndComplete(state, expectRestore: false).Change);
        }

        // Deleted now: a restore is not even queued.
        Assert.False(state.RestoreLifecycle(_run, out _));
        Assert.True(state.Take().IsEmpty);
    }

    [Fact]
    public void A_restore_queued_while_the_twin_is_being_deleted_is_dropped_once_the_delete_lands()
    {
        var state = AcknowledgedPool();
        foreach (var change in new[]
        {
            Change(3, TwinChangeKind.DeleteRelationship, relationship: new(ProcessFlowModel.ProcessedById(Pool))),
            Change(4, TwinChangeKind.DeleteRelationship, relationship: new(ProcessFlowModel.LocatedAtId(Pool))),
        })
        {
            state.Merge(change, Context(), null, _run, out _);
            TakeAndComplete(state, expectRestore: false);
        }
        state.Merge(Change(5, TwinChangeKind.DeleteTwin), Context(), null, _run, out _);
        var delete = state.Take();

        Assert.True(state.RestoreLifecycle(_run, out _));
        state.Complete(delete, WriteOutcome.Written, null, out _);

        Assert.True(state.Take().IsEmpty);
    }
}
