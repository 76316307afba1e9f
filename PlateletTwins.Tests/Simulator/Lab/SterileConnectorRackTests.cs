using PlateletTwins.SimulatorService.Lab.Configuration;
using PlateletTwins.SimulatorService.Lab.Model;

namespace PlateletTwins.Tests.Simulator.Lab;

/// <summary>
/// A sterile connector pools <c>poolSize</c> buffy coats of one ABO group from its rack. A rack of (poolSize − 1) ×
/// groups coats can be full with poolSize − 1 of every group: nothing can pool, nothing can enter, and the line stops.
/// One slot more and a full rack always holds a pool.
/// </summary>
public sealed class SterileConnectorRackTests
{
    private const double Day = 24 * 60;

    private static string RackOf(int capacity) => LabFileTests.ReferenceFileWith(f => f["buffers"]!.AsArray().Single(b => (string)b!["id"]! == "bc-rest-rack")!["capacity"] = capacity);

    [Fact]
    public void A_rack_that_can_fill_without_a_pool_is_refused_with_its_minimum_and_why()
    {
        var error = Assert.Single(Assert.Throws<LabFileException>(() => LabFile.Parse(RackOf(16))).Errors);
        Assert.Equal(
            "buffer 'bc-rest-rack': capacity 16 can stall the line: sterile connector 'sterile-connector-01' takes 5 buffy coats of one ABO group from it, "
            + "and with 4 of each of the 4 groups (16 in all) it is full and none can pool. A rack needs at least (poolSize − 1) × groups + 1 = 17",
            error);
    }

    [Fact]
    public void A_rack_of_the_minimum_is_taken_and_so_is_the_reference_one()
    {
        Assert.Equal(17, LabFile.Parse(RackOf(17)).Buffers.Single(b => b.Id == "bc-rest-rack").Capacity);
        Assert.Empty(LabValidator.Validate(ReferenceLab.Create()));
    }

    [Fact]
    public void The_rule_is_the_models_own_a_rack_one_slot_short_stalls_and_the_minimum_does_not()
    {
        // Equal shares and no failures: the line stops only if the rack does.
        static (int LastDay, LabBuffer Rack) Run(int capacity)
        {
            var reference = ReferenceLab.Create();
            var lab = reference with
            {
                AboShares = [new("O", 0.25), new("A", 0.25), new("B", 0.25), new("AB", 0.25)],
                Buffers = [.. reference.Buffers.Select(b => b.Id == "bc-rest-rack" ? b with { Capacity = capacity } : b)],
                Devices = [.. reference.Devices.Select(d => d with { TimeToFailure = null, Repair = null })],
            };
            var model = new LabModel(lab, 1);
            model.RunUntil(13 * Day);
            var before = model.Statistics.PoolsStarted;
            model.RunUntil(14 * Day);
            return (model.Statistics.PoolsStarted - before, model.Devices.Single(d => d.Id == "sterile-connector-01").Input!);
        }

        var (stalled, rack) = Run(16);
        Assert.Equal(0, stalled);
        Assert.Equal(16, rack.Count);
        Assert.All(Enumerable.Range(0, 4), group => Assert.Equal(4, rack.Coats(group).Count));

        var (running, _) = Run(17);
        Assert.True(running > 10, $"{running} pools started on day 14 with a rack of 17");
    }
}
