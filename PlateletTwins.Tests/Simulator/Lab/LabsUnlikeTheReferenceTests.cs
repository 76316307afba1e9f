using PlateletTwins.SimulatorService.Devices;
using PlateletTwins.SimulatorService.Lab.Configuration;
using PlateletTwins.SimulatorService.Lab.Model;
using PlateletTwins.SimulatorService.Lab.Reporting;
using PlateletTwins.SimulatorService.Lab.Running;
using PlateletTwins.SimulatorService.Streaming;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.Simulator.Lab;

/// <summary>
/// Labs described by their own files (docs/labs/), run headless: three centrifuges, four presses and two sterile
/// connectors on other buffer sizes; two processing sites feeding one pooling line. The reference lab's invariants
/// hold on them, devices of a kind share their work (LAB.md rule 3), and reports, trace and twin graph are theirs.
/// </summary>
public sealed class LabsUnlikeTheReferenceTests
{
    private const double Week = 7 * 24 * 60;

    public const string ThreeCentrifuges = "three-centrifuges.json";

    public const string TwoSites = "two-sites.json";

    internal static LabConfig Load(string name) => LabFile.Load(Path.Combine(RepositoryPaths.Root, "docs", "labs", name));

    public static TheoryData<string, RunProfile, ulong> Runs => new()
    {
        { ThreeCentrifuges, RunProfile.Normal, 1 }, { ThreeCentrifuges, RunProfile.Stress, 2 }, { TwoSites, RunProfile.Normal, 3 }, { TwoSites, RunProfile.Stress, 4 },
    };

    private static (LabModel Model, LabConfig Lab, List<DeviceUpdate> Updates) Run(string file, RunProfile profile, ulong seed, double minutes = Week)
    {
        var lab = new RunOptions { Lab = Load(file), Profile = profile }.EffectiveLab;
        var updates = new List<DeviceUpdate>();
        var model = new LabModel(lab, seed, updates.Add);
        model.RunUntil(minutes);
        return (model, lab, updates);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void The_reference_labs_invariants_hold(string file, RunProfile profile, ulong seed)
    {
        var (model, lab, updates) = Run(file, profile, seed);
        var s = model.Statistics;
        LabInvariants.UnitsBuffyCoatsAndPoolsAreAccountedFor(s, lab);
        LabInvariants.StatusSharesSumToOneAndUtilisationIsAFraction(ReplicationReport.From(model, 1, seed, Week));
        LabInvariants.NoPoolIsMadeOfBuffyCoatsRestedTooShort(s, lab);
        LabInvariants.UpdatesFollowTheLabAndChangeSomething(updates, lab);
        Assert.Equal(7 * lab.Deliveries.Sum(d => d.Count), s.WbReceived);
        Assert.True(s.PoolsReleased > 100, $"{file}: only {s.PoolsReleased} pools released in a week");
    }

    [Theory]
    [InlineData(ThreeCentrifuges)]
    [InlineData(TwoSites)]
    public void Littles_law_holds_for_pools_over_a_year(string file)
    {
        const double year = 365 * 24 * 60;
        LabInvariants.LittlesLawHoldsForPools(Run(file, RunProfile.Normal, 11, year).Model.Statistics, year);
    }

    [Fact]
    public void Three_centrifuges_four_presses_and_two_sterile_connectors_share_their_work()
    {
        var report = ReplicationReport.From(Run(ThreeCentrifuges, RunProfile.Normal, 5).Model, 1, 5, Week);
        foreach (var kind in new[] { "centrifuge-0", "press-0", "sterile-connector-0", "platelet-press-0" })
        {
            var completed = report.Devices.Where(d => d.Id.StartsWith(kind, StringComparison.Ordinal)).Select(d => d.Completed).ToList();
            Assert.True(completed.Count >= 2, kind);
            // The one ready longest takes the work: over a week no device of a kind idles while the others work.
            Assert.True(completed.Min() > 0.8 * completed.Max(), $"{kind}*: completed {string.Join(", ", completed)}");
        }
    }

    [Fact]
    public void At_the_first_delivery_the_centrifuges_load_in_id_order_as_ties_go_to_the_lower_id()
    {
        var updates = Run(ThreeCentrifuges, RunProfile.Normal, 6, 1).Updates;
        // 200 units at minute 0, 10 a batch: each of the three, all ready since 0, takes a full batch.
        var loads = updates.Where(u => u.DeviceId.StartsWith("centrifuge-0", StringComparison.Ordinal) && u.SimulatedMinutes == 0).ToList();
        Assert.Equal(["centrifuge-01", "centrifuge-02", "centrifuge-03"], loads.Select(u => u.DeviceId));
        Assert.All(loads, u => Assert.Equal((DeviceStatus.Processing, 10), (u.Status, u.InUse)));
        Assert.Equal(200 - 30, loads[0].QueueLength);
    }

    [Fact]
    public void Each_site_processes_its_own_deliveries_and_both_feed_the_one_pooling_line()
    {
        var (model, lab, _) = Run(TwoSites, RunProfile.Normal, 7);
        var report = ReplicationReport.From(model, 1, 7, Week);
        int Completed(string id) => report.Devices.Single(d => d.Id == id).Completed;
        var south = 7 * lab.Deliveries.Where(d => d.Buffer == "south-wb-hold").Sum(d => d.Count);
        var north = 7 * lab.Deliveries.Where(d => d.Buffer == "north-wb-hold").Sum(d => d.Count);
        Assert.InRange(Completed("south-centrifuge-01"), 0.9 * south, south);
        Assert.InRange(Completed("north-centrifuge-01") + Completed("north-centrifuge-02"), 0.9 * north, north);
        Assert.InRange(Completed("south-separator-01"), 0.9 * south, south);
        var feeds = lab.Feeds().ToHashSet();
        Assert.Contains(("south-separator-01", "sterile-connector-02"), feeds);
        Assert.Contains(("north-separator-01", "sterile-connector-01"), feeds);
        Assert.DoesNotContain(feeds, f => f.From.StartsWith("south", StringComparison.Ordinal) && f.To.StartsWith("north", StringComparison.Ordinal));
    }

    [Fact]
    public void The_report_and_the_twin_graph_follow_the_lab_described()
    {
        var lab = Load(ThreeCentrifuges);
        var run = new RunOptions { Lab = lab, Hours = 24, Seed = 8 };
        var report = ReplicationRunner.Run(run);
        Assert.Equal(lab.Devices.Select(d => d.Id), report.Replications[0].Devices.Select(d => d.Id));
        Assert.Contains(report.Summary.Bottleneck, lab.Devices.Select(d => d.Id));

        var start = StartMessage.For("run-1", run, "max", DateTimeOffset.UnixEpoch);
        Assert.Equal("lab-three-centrifuges", start.Lab.Id);
        Assert.Equal(17, start.Lab.Devices.Count);
        // The twin graph names each device within the lab.
        Assert.All(start.Lab.Devices, d => Assert.StartsWith("lab-three-centrifuges.", d.Id, StringComparison.Ordinal));
        var twins = new LabTwins(lab);
        var feeds = start.Lab.Feeds.Select(f => (f.From, f.To)).ToHashSet();
        // Every centrifuge feeds every press through the shared rack, every press both sterile connectors.
        foreach (var centrifuge in new[] { "centrifuge-01", "centrifuge-02", "centrifuge-03" })
        {
            foreach (var press in new[] { "press-01", "press-02", "press-03", "press-04" })
            {
                Assert.Contains((twins.Device(centrifuge), twins.Device(press)), feeds);
            }
        }
        Assert.Contains((twins.Device("press-04"), twins.Device("sterile-connector-02")), feeds);
        Assert.Contains(("lab-three-centrifuges.agitator-01", "lab-three-centrifuges.label-station-01"), feeds);
        Assert.Equal(12 + 8 + 2 + 2 + 2 + 1 + 1 + 1 + 1, feeds.Count);
    }
}
