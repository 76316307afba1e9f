using PlateletTwins.SimulatorService.Devices;
using PlateletTwins.SimulatorService.Lab.Configuration;
using PlateletTwins.SimulatorService.Lab.Model;
using PlateletTwins.SimulatorService.Lab.Reporting;
using PlateletTwins.SimulatorService.Lab.Running;

namespace PlateletTwins.Tests.Simulator.Lab;

/// <summary>What must hold on real runs of the reference lab, whatever the seed.</summary>
public sealed class LabInvariantTests
{
    private const double Hours36 = 36 * 60;

    public static TheoryData<RunProfile, ulong> Runs => new()
    {
        { RunProfile.Normal, 1 }, { RunProfile.Normal, 2 }, { RunProfile.Stress, 3 }, { RunProfile.Stress, 4 },
    };

    private static LabModel Run(RunProfile profile, ulong seed, double minutes = Hours36)
    {
        var options = new RunOptions { Profile = profile };
        var model = new LabModel(options.EffectiveLab, seed);
        model.RunUntil(minutes);
        return model;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Every_unit_buffy_coat_and_pool_is_accounted_for(RunProfile profile, ulong seed)
    {
        var s = Run(profile, seed).Statistics;
        LabInvariants.UnitsBuffyCoatsAndPoolsAreAccountedFor(s, ReferenceLab.Create());
        Assert.Equal(540, s.WbReceived);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Status_shares_sum_to_one_and_utilisation_is_a_fraction(RunProfile profile, ulong seed)
    {
        LabInvariants.StatusSharesSumToOneAndUtilisationIsAFraction(ReplicationReport.From(Run(profile, seed), 1, seed, Hours36));
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void No_pool_is_made_of_buffy_coats_rested_less_than_two_hours(RunProfile profile, ulong seed)
    {
        LabInvariants.NoPoolIsMadeOfBuffyCoatsRestedTooShort(Run(profile, seed).Statistics, ReferenceLab.Create());
    }

    [Fact]
    public void Littles_law_holds_for_pools_over_a_year()
    {
        const double year = 365 * 24 * 60;
        LabInvariants.LittlesLawHoldsForPools(Run(RunProfile.Normal, 11, year).Statistics, year);
    }

    [Fact]
    public void Under_the_normal_profile_the_presses_are_the_bottleneck_and_nothing_expires()
    {
        var report = ReplicationRunner.Run(new RunOptions { Hours = 36, Seed = 5, Replications = 10 });
        Assert.StartsWith("separator-0", report.Summary.Bottleneck, StringComparison.Ordinal);
        Assert.All(report.Replications, r => Assert.StartsWith("separator", r.Bottleneck, StringComparison.Ordinal));
    }

    [Fact]
    public void Under_the_stress_profile_failures_appear_and_cost_downtime()
    {
        var report = ReplicationRunner.Run(new RunOptions { Hours = 36, Seed = 5, Replications = 10, Profile = RunProfile.Stress });
        var failures = report.Replications.Sum(r => r.Devices.Sum(d => d.Failures));
        Assert.True(failures >= 10, $"only {failures} failures in 10 stressed runs");
        Assert.True(report.Replications.Sum(r => r.Devices.Sum(d => d.DowntimeMinutes)) > 0);
        Assert.Contains(report.Replications, r => r.Devices.Any(d => d.StatusShares[DeviceStatus.Failed] > 0));
    }

    [Fact]
    public void A_36_hour_run_receives_the_deliveries_of_the_half_open_interval()
    {
        // 07:00, 12:00, 15:00, 19:00 on day 1 and 07:00, 12:00, 15:00 on day 2; 19:00 on day 2 is at 36 h exactly.
        Assert.Equal(150 + 40 + 50 + 60 + 150 + 40 + 50, Run(RunProfile.Normal, 1).Statistics.WbReceived);
    }

    [Fact]
    public void Each_update_changes_status_inUse_or_queueLength_and_each_device_sends_at_most_one_per_instant()
    {
        var updates = new List<DeviceUpdate>();
        new LabModel(ReferenceLab.Create(), 9, updates.Add).RunUntil(Hours36);
        LabInvariants.UpdatesFollowTheLabAndChangeSomething(updates, ReferenceLab.Create());
        Assert.Equal(12, updates.Select(u => u.DeviceId).Distinct().Count());
    }
}
