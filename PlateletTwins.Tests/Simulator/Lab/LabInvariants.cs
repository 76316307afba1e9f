using PlateletTwins.SimulatorService.Devices;
using PlateletTwins.SimulatorService.Lab.Configuration;
using PlateletTwins.SimulatorService.Lab.Model;
using PlateletTwins.SimulatorService.Lab.Reporting;

namespace PlateletTwins.Tests.Simulator.Lab;

/// <summary>What must hold on any run of any lab, whatever its layout and seed: the reference lab's tests and those of other labs check the same.</summary>
internal static class LabInvariants
{
    public static void UnitsBuffyCoatsAndPoolsAreAccountedFor(LabStatistics s, LabConfig lab)
    {
        Assert.True(s.WbReceived > 0, "no unit arrived");
        Assert.Equal(s.WbReceived, s.WbSeparated + s.WbExpired + s.WholeBlood.Count);
        Assert.Equal(s.BcProduced, s.PoolsStarted * lab.PoolSize + s.BuffyCoats.Count);
        Assert.Equal(s.PoolsStarted, s.PoolsReleased + s.PoolsScrapped + s.Pools.Count);
    }

    public static void StatusSharesSumToOneAndUtilisationIsAFraction(ReplicationReport report)
    {
        foreach (var device in report.Devices)
        {
            Assert.Equal(1.0, device.StatusShares.Values.Sum(), 9);
            Assert.InRange(device.Utilization, 0, 1);
            Assert.InRange(device.QueueLengthMean, 0, device.QueueLengthMax);
        }
    }

    public static void NoPoolIsMadeOfBuffyCoatsRestedTooShort(LabStatistics s, LabConfig lab)
    {
        Assert.Equal(0, s.PoolsWithShortRest);
        Assert.NotEmpty(s.BcRest);
        Assert.True(s.BcRest.Min() >= lab.MinRestMinutes - 1e-9, $"shortest rest {s.BcRest.Min()}");
    }

    /// <summary>L = λW for pools; the pools still in the lab at the end are a rounding error over a long run.</summary>
    public static void LittlesLawHoldsForPools(LabStatistics s, double minutes)
    {
        var arrivalRate = s.PoolsStarted / minutes;
        var meanTimeInLab = s.PoolStartToRelease.Average();
        var wip = s.Pools.Mean(minutes);
        Assert.Equal(wip, arrivalRate * meanTimeInLab, wip * 0.02);
    }

    /// <summary>Each update changes status, inUse or queueLength, each device sends at most one per instant, and every device of the lab sends.</summary>
    public static void UpdatesFollowTheLabAndChangeSomething(IReadOnlyList<DeviceUpdate> updates, LabConfig lab)
    {
        foreach (var device in updates.GroupBy(u => u.DeviceId))
        {
            var sequence = device.ToList();
            Assert.Equal(Enumerable.Range(0, sequence.Count).Select(i => (long)i), sequence.Select(u => u.Sequence));
            for (var i = 1; i < sequence.Count; i++)
            {
                Assert.True(sequence[i].SimulatedMinutes > sequence[i - 1].SimulatedMinutes, $"{device.Key} sent twice at minute {sequence[i].SimulatedMinutes}");
                Assert.True((sequence[i].Status, sequence[i].InUse, sequence[i].QueueLength) != (sequence[i - 1].Status, sequence[i - 1].InUse, sequence[i - 1].QueueLength));
            }
        }
        Assert.Equal(lab.Devices.Select(d => d.Id).Order(StringComparer.Ordinal), updates.Select(u => u.DeviceId).Distinct().Order(StringComparer.Ordinal));
    }
}
