using PlateletTwins.SimulatorService.Lab.Configuration;

namespace PlateletTwins.Tests.Simulator.Lab;

public sealed class LabFileTests
{
    [Fact]
    public void A_lab_file_overrides_one_device_and_keeps_every_other_default()
    {
        var lab = LabFile.Parse("""{ "devices": [ { "id": "separator-03", "capacity": 2 } ], "eligibleShare": 0.8 }""");
        Assert.Equal(2, lab.Devices.Single(d => d.Id == "separator-03").Capacity);
        Assert.Equal(0.8, lab.EligibleShare);
        Assert.Equal(ReferenceLab.Create().Devices.Count, lab.Devices.Count);
        Assert.Equal(12, lab.Devices.Single(d => d.Id == "centrifuge-01").Capacity);
    }

    [Fact]
    public void The_reference_lab_round_trips_through_its_file()
    {
        var reference = ReferenceLab.Create();
        var text = LabFile.Write(reference);
        Assert.Equal(text, LabFile.Write(LabFile.Parse(text)));
    }

    [Fact]
    public void The_feeds_graph_follows_the_flow_of_the_specification()
    {
        var feeds = ReferenceLab.Create().Feeds().ToHashSet();
        Assert.Contains(("centrifuge-01", "separator-02"), feeds);
        Assert.Contains(("separator-02", "sterile-connector-01"), feeds);
        Assert.Contains(("illuminator-01", "agitator-01"), feeds);
        Assert.Contains(("agitator-01", "label-station-01"), feeds);
        Assert.Equal(13, feeds.Count);
    }
}
