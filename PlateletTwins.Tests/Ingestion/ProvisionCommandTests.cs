using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PlateletTwins.IngestionService.Cli;
using PlateletTwins.SimulatorService.Cli;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>The provision command builds the lab's twin graph on an ADT endpoint from the simulator's layout, idempotently.</summary>
public sealed class ProvisionCommandTests
{
    [Fact]
    public async Task Provision_uploads_the_models_and_the_labs_twins_and_relationships_and_can_run_again()
    {
        await using var adt = await MockAdtHost.StartAsync();
        var directory = Directory.CreateTempSubdirectory("platelettwins-layout-");
        try
        {
            var layout = Path.Combine(directory.FullName, "layout.json");
            Assert.Equal(0, SimulateCommand.Run(["--write-layout", layout], TextWriter.Null, TextWriter.Null));
            string[] args = ["--endpoint", adt.Address.ToString(), "--layout", layout, "--token", MockAdtHost.OwnerToken];

            var output = new StringWriter();
            Assert.Equal(0, await ProvisionCommand.RunAsync(args, output, TextWriter.Null));
            Assert.Equal(0, await ProvisionCommand.RunAsync(args, TextWriter.Null, TextWriter.Null));

            using var client = adt.CreateClient();
            var label = await client.GetFromJsonAsync<JsonObject>("/digitaltwins/platelet-lab.label-station-01?api-version=2023-10-31");
            var feeds = await client.GetFromJsonAsync<JsonObject>("/digitaltwins/platelet-lab.agitator-01/relationships?api-version=2023-10-31");
            var contains = await client.GetFromJsonAsync<JsonObject>("/digitaltwins/platelet-lab/relationships?relationshipName=contains&api-version=2023-10-31");
            Assert.Equal("dtmi:platelettwins:devices:LabelStation;1", label!["$metadata"]!["$model"]!.GetValue<string>());
            Assert.Equal("platelet-lab.label-station-01", feeds!["value"]![0]!["$targetId"]!.GetValue<string>());
            Assert.Equal(12, contains!["value"]!.AsArray().Count);
            Assert.Contains("12 devices", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Without_an_endpoint_provision_prints_its_usage_and_fails()
    {
        var error = new StringWriter();
        Assert.Equal(2, await ProvisionCommand.RunAsync([], TextWriter.Null, error));
        Assert.Contains("--endpoint", error.ToString(), StringComparison.Ordinal);
    }
}
