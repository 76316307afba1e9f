using PlateletTwins.Dtdl.Lab;
using PlateletTwins.SimulatorService.Devices;
using PlateletTwins.SimulatorService.Lab.Configuration;
using PlateletTwins.SimulatorService.Lab.Model;
using PlateletTwins.SimulatorService.Lab.Running;

namespace PlateletTwins.Tests.Simulator.Pools;

/// <summary>What must hold of every pool's record on real runs of the reference lab: its counts, route, donations, expiry, end and deletion.</summary>
public sealed class PoolRecordTests
{
    private const double Day = 24 * 60;

    /// <summary>The lab's flow for a pool (LAB.md): every pool's route is a beginning of it.</summary>
    private static readonly string[] Flow =
        ["sterile-connector-01", "pooling-station-01", "centrifuge-03", "separator-03", "tube-sealer-01", "illuminator-01", "agitator-01", "label-station-01"];

    private static readonly Dictionary<string, string> StageAt = new()
    {
        ["sterile-connector-01"] = ProcessFlowModel.StageValues.Pooling,
        ["pooling-station-01"] = ProcessFlowModel.StageValues.Pooling,
        ["centrifuge-03"] = ProcessFlowModel.StageValues.SoftSpin,
        ["separator-03"] = ProcessFlowModel.StageValues.Press,
        ["tube-sealer-01"] = ProcessFlowModel.StageValues.Sealing,
        ["illuminator-01"] = ProcessFlowModel.StageValues.Illumination,
        ["agitator-01"] = ProcessFlowModel.StageValues.Storage,
        ["label-station-01"] = ProcessFlowModel.StageValues.Labelling,
    };

    public static TheoryData<RunProfile, ulong> Runs => new() { { RunProfile.Normal, 1 }, { RunProfile.Normal, 2 }, { RunProfile.Stress, 3 }, { RunProfile.Stress, 4 } };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Every_started_pool_has_a_record_and_released_scrapped_and_in_process_add_up_to_the_kpis(RunProfile profile, ulong seed)
    {
        var run = PoolRun.Of(profile, seed, 72);
        var s = run.Lab.Statistics;

        Assert.True(s.PoolsStarted > 50, $"only {s.PoolsStarted} pools");
        Assert.Equal(s.PoolsStarted, run.Pools.Count);
        Assert.Equal(Enumerable.Range(1, s.PoolsStarted).Select(n => $"P{n:D6}"), run.Pools.Select(p => p.PoolId));
        Assert.Equal(s.PoolsReleased, run.Pools.Count(p => p.Outcome == PoolOutcome.Released));
        Assert.Equal(s.PoolsScrapped, run.Pools.Count(p => p.Outcome == PoolOutcome.Scrapped));
        Assert.Equal(s.Pools.Count, run.Pools.Count(p => p.Outcome is null));
        // Started in pool order, one after the other at the one sterile connector.
        Assert.True(run.Pools.Zip(run.Pools.Skip(1)).All(p => p.First.StartTime <= p.Second.StartTime));
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void A_pools_route_follows_the_flow_of_the_lab_and_a_scrapped_one_ends_at_the_illuminator(RunProfile profile, ulong seed)
    {
        var run = PoolRun.Of(profile, seed, 72);
        foreach (var pool in run.Pools)
        {
            var devices = pool.Route.Select(r => r.DeviceId).ToList();
            Assert.Equal(Flow.Take(devices.Count), devices);
            Assert.All(pool.Route, step => Assert.Equal(StageAt[step.DeviceId], step.Stage));
            Assert.Equal(pool.StartTime, pool.Route[0].EnteredAt);
            Assert.True(pool.Route.Zip(pool.Route.Skip(1)).All(p => p.First.EnteredAt <= p.Second.EnteredAt), $"{pool.PoolId}: route out of time order");
            switch (pool.Outcome)
            {
                case PoolOutcome.Released:
                    Assert.Equal(Flow, devices);
                    Assert.Equal(ProcessFlowModel.StageValues.Released, pool.Stage);
                    Assert.True(pool.EndTime >= pool.Route[^1].EnteredAt);
                    Assert.Null(pool.ScrapReason);
                    break;
                case PoolOutcome.Scrapped:
                    Assert.Equal("illuminator-01", devices[^1]);
                    Assert.Equal(ProcessFlowModel.StageValues.Scrapped, pool.Stage);
                    break;
                default:
                    Assert.Null(pool.EndTime);
                    Assert.Equal(pool.Route[^1].DeviceId, pool.DeviceId);
                    Assert.Equal(pool.Route[^1].Stage, pool.Stage);
                    break;
            }
        }
        // Not vacuous: pools at every stage of the flow, and pools released.
        Assert.Contains(run.Pools, p => p.Outcome == PoolOutcome.Released);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void A_pool_holds_five_distinct_units_of_its_group_and_expires_seven_days_after_the_oldest_collection(RunProfile profile, ulong seed)
    {
        var run = PoolRun.Of(profile, seed, 72);
        var lab = run.Options.EffectiveLab;
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pool in run.Pools)
        {
            Assert.Equal(lab.PoolSize, pool.Donations.Count);
            Assert.All(pool.Donations, unit =>
            {
                Assert.Matches("^WB[0-9]{6}$", unit.UnitId);
                Assert.Equal(pool.BloodGroup, lab.AboShares[unit.Abo].Group);
                Assert.True(unit.Eligible);
                Assert.InRange(unit.Number, 1, run.Lab.Statistics.WbReceived);
                // A unit's buffy coat goes into one pool only, in the whole run.
                Assert.True(taken.Add(unit.UnitId), $"{unit.UnitId} is in two pools");
            });
            Assert.True(pool.Donations.Zip(pool.Donations.Skip(1)).All(p => p.First.CollectionTime <= p.Second.CollectionTime), $"{pool.PoolId}: donations not oldest first");
            Assert.Equal(pool.Donations.Min(u => u.CollectionTime), pool.OldestCollectionTime);
            Assert.Equal(pool.OldestCollectionTime + 7 * Day, pool.ExpiryTime);
            // Collected before the pool started, at least its rest before: a unit is separated, then rests 2 h.
            Assert.True(pool.Donations.Max(u => u.CollectionTime) <= pool.StartTime - lab.MinRestMinutes);
        }
    }

    [Fact]
    public void A_pool_is_handed_to_a_device_when_it_enters_its_input_buffer()
    {
        // A soft-spin batch is loaded at once and unloaded at once into the press queue, but its pools queued for the
        // centrifuge one by one as the pooling station finished them: handed to centrifuge-03 at different times,
        // to separator-03 at the same time.
        var run = PoolRun.Of(RunProfile.Normal, 7, 72);
        var batches = run.Pools.Where(p => p.Route.Count > 3).GroupBy(p => p.Route[3].EnteredAt).Where(b => b.Count() > 1).ToList();
        Assert.NotEmpty(batches);
        Assert.Contains(batches, b => b.Select(p => p.Route[2].EnteredAt).Distinct().Count() > 1);
        // The agitator has no input buffer: a pool is handed to it when it leaves the illuminator, after its cycle.
        Assert.All(run.Pools.Where(p => p.Route.Count > 6), p => Assert.True(p.Route[6].EnteredAt - p.Route[5].EnteredAt >= 6, $"{p.PoolId} spent less than a cycle in the illuminator"));
    }

    [Fact]
    public void Whole_blood_units_are_numbered_in_arrival_order()
    {
        // The 07:00 delivery of day 1 is the first 150 units; their collection times rise with their numbers.
        var run = PoolRun.Of(RunProfile.Normal, 5, 48);
        var firstDelivery = run.Pools.SelectMany(p => p.Donations).Where(u => u.Number <= 150).OrderBy(u => u.Number).ToList();
        Assert.True(firstDelivery.Count > 50);
        Assert.True(firstDelivery.Zip(firstDelivery.Skip(1)).All(p => p.First.CollectionTime <= p.Second.CollectionTime));
        // The 12:00 delivery's units were collected 1 to 5 h before it, after every unit of the day before.
        var noon = run.Pools.SelectMany(p => p.Donations).Where(u => u.Number is > 150 and <= 190).ToList();
        Assert.NotEmpty(noon);
        Assert.All(noon, u => Assert.InRange(u.CollectionTime, 5 * 60 - 5 * 60, 5 * 60 - 60));
    }

    [Fact]
    public void A_stress_run_scraps_the_pools_inside_the_illuminator_at_its_failure_with_the_failure_as_reason()
    {
        var run = PoolRun.Of(RunProfile.Stress, 3, 72);
        var scrapped = run.Pools.Where(p => p.Outcome == PoolOutcome.Scrapped).ToList();
        Assert.NotEmpty(scrapped);
        var failures = run.Events.Where(e => e.DeviceId == "illuminator-01" && e.Type == DeviceEventType.Failed).Select(e => e.SimulatedMinutes).ToHashSet();
        Assert.All(scrapped, pool =>
        {
            Assert.Equal("illuminator-01 failed", pool.ScrapReason);
            Assert.Contains(pool.EndTime!.Value, failures);
            // It was in the illuminator, not queued for it: loaded at or after it was handed to it, before the failure.
            Assert.Equal("illuminator-01", pool.Route[^1].DeviceId);
        });
        Assert.Equal(run.Lab.Statistics.PoolsScrapped, scrapped.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0.0)]
    [InlineData(360.0)]
    public void A_pools_twin_is_deleted_once_at_its_expiry_or_the_retention_after_its_end(double? retentionMinutes)
    {
        // Ten days: pools released on day 1 expire within the run, the last days' pools outlive it.
        var retention = retentionMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : (TimeSpan?)null;
        var run = PoolRun.Of(RunProfile.Normal, 6, 240, retention);
        foreach (var pool in run.Pools)
        {
            if (pool.Outcome is null)
            {
                Assert.Null(pool.DeletedAt);
                continue;
            }
            var due = retentionMinutes is { } r ? pool.EndTime!.Value + r : pool.ExpiryTime;
            Assert.Equal(due, pool.DeletionDue);
            Assert.Equal(due < run.Horizon ? due : null, pool.DeletedAt);
        }
        Assert.Contains(run.Pools, p => p.DeletedAt is not null);
        if (retentionMinutes != 0)
        {
            // Ended, kept past the run's end.
            Assert.Contains(run.Pools, p => p.Outcome is not null && p.DeletedAt is null);
        }
    }

    [Fact]
    public void The_reference_labs_shelf_life_is_seven_days()
    {
        Assert.Equal(7 * Day, ReferenceLab.Create().PoolShelfLifeMinutes);
    }
}
