using System.Text.Json;
using System.Text.Json.Nodes;
using PlateletTwins.IngestionService.Intake;
using PlateletTwins.IngestionService.Provisioning;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.Ingestion.IntakeMessages;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>A run start is checked whole before anything is provisioned; every problem is listed by its JSON path.</summary>
public sealed class RunValidatorTests
{
    private static readonly ModelCatalog Catalog = new(RepositoryPaths.Dtdl);

    private static Dictionary<string, string[]> Validate(Action<JsonObject> change)
    {
        var run = Run("run-1");
        change(run);
        return RunValidator.Validate(run.Deserialize<RunStart>(IntakeJson.Serializer)!, Catalog);
    }

    private static JsonObject Lab(JsonObject run) => run["lab"]!.AsObject();

    [Fact]
    public void The_reference_lab_is_valid() => Assert.Empty(Validate(_ => { }));

    [Theory]
    [InlineData("$.lab.devices[1].type", "Toaster")]
    [InlineData("$.lab.devices[1].type", "Centrifuge;2")]
    [InlineData("$.lab.devices[1].id", "centrifuge/02")]
    [InlineData("$.lab.devices[1].id", "centrifuge 02")]
    [InlineData("$.lab.devices[1].id", "")]
    [InlineData("$.lab.devices[1].id", "platelet-lab")]
    [InlineData("$.lab.devices[1].id", "run-1")]
    [InlineData("$.lab.devices[1].id", "CENTRIFUGE-01")]
    public void A_device_that_ADT_would_not_take_or_that_collides_is_named(string path, string value)
    {
        var problems = Validate(run => Lab(run)["devices"]![1]![path.Split('.')[^1]] = value);
        Assert.Contains(path, problems.Keys);
    }

    [Fact]
    public void A_null_device_a_zero_capacity_and_a_lab_with_a_device_id_are_all_listed()
    {
        var problems = Validate(run =>
        {
            Lab(run)["id"] = "separator-01";
            Lab(run)["devices"]![0]!["capacity"] = 0;
            Lab(run)["devices"]!.AsArray().Add(null);
        });
        Assert.Contains("$.lab.devices[12]", problems.Keys);
        Assert.Contains("$.lab.devices[0].capacity", problems.Keys);
        Assert.Contains("$.lab.devices[2].id", problems.Keys);
    }

    [Fact]
    public void A_feed_to_itself_to_the_lab_twice_or_to_nowhere_is_refused()
    {
        var problems = Validate(run => Lab(run)["feeds"] = new JsonArray(
            new JsonObject { ["from"] = "separator-01", ["to"] = "separator-01" },
            new JsonObject { ["from"] = "separator-01", ["to"] = "platelet-lab" },
            new JsonObject { ["from"] = "centrifuge-01", ["to"] = "separator-01" },
            new JsonObject { ["from"] = "centrifuge-01", ["to"] = "separator-01" },
            null));
        Assert.Equal(["$.lab.feeds[0]", "$.lab.feeds[1].to", "$.lab.feeds[3]", "$.lab.feeds[4]"], problems.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_name_over_ADTs_string_limit_is_refused()
    {
        var problems = Validate(run => Lab(run)["name"] = new string('n', 4097));
        Assert.Contains("$.lab.name", problems.Keys);
    }
}
