using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using PlateletTwins.SimulatorService.Lab.Configuration;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.Simulator.Lab;

/// <summary>The lab file's JSON Schema, as editors read it, agrees with the simulator: what one takes the other takes, and the bad files it can see both refuse.</summary>
public sealed class LabSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(LabSchema.Text);

    private static EvaluationResults Evaluate(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static string Problems(EvaluationResults results) =>
        string.Join("; ", (results.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));

    public static TheoryData<string> GoodFiles => new()
    {
        LabFile.Write(ReferenceLab.Create()),
        LabFileTests.ReferenceFileWithoutRoles(),
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "labs", LabsUnlikeTheReferenceTests.ThreeCentrifuges)),
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "labs", LabsUnlikeTheReferenceTests.TwoSites)),
        """{ "basedOn": "reference", "devices": [ { "id": "separator-03", "capacity": 2 } ], "eligibleShare": 0.8 }""",
    };

    /// <summary>Every lab file that docs/lab-file.md shows.</summary>
    public static TheoryData<string> DocumentedFiles()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "lab-file.md"));
        var files = new TheoryData<string>();
        foreach (var block in page.Split("```json\n").Skip(1))
        {
            files.Add(block[..block.IndexOf("```", StringComparison.Ordinal)]);
        }
        Assert.True(files.Count >= 3);
        return files;
    }

    [Theory]
    [MemberData(nameof(GoodFiles))]
    [MemberData(nameof(DocumentedFiles))]
    public void A_lab_the_simulator_runs_is_valid_for_the_schema(string json)
    {
        var results = Evaluate(json);
        Assert.True(results.IsValid, Problems(results));
        Assert.NotEmpty(LabFile.Parse(json).Devices);
    }

    /// <summary>Bad files whose fault is in the shape or range of a field, which a schema can see.</summary>
    public static TheoryData<string> BadFiles => new()
    {
        LabFileTests.ReferenceFileWith(f => LabFileTests.Device(f, "centrifuge-01")["capcity"] = 3),
        LabFileTests.ReferenceFileWith(f => LabFileTests.Device(f, "centrifuge-01")["role"] = "batc"),
        LabFileTests.ReferenceFileWith(f => LabFileTests.Device(f, "separator-01")["type"] = "Press"),
        LabFileTests.ReferenceFileWith(f => LabFileTests.Device(f, "separator-01").Remove("type")),
        LabFileTests.ReferenceFileWith(f => LabFileTests.Device(f, "sterile-connector-01")["batchSize"] = 3),
        LabFileTests.ReferenceFileWith(f => LabFileTests.Device(f, "pooling-station-01")["capacity"] = 0),
        LabFileTests.ReferenceFileWith(f => LabFileTests.Device(f, "tube-sealer-01")["cycle"] = JsonNode.Parse("""{"tri":[1,2,3],"exp":2}""")),
        LabFileTests.ReferenceFileWith(f => LabFileTests.Device(f, "tube-sealer-01").Remove("repair")),
        LabFileTests.ReferenceFileWith(f => LabFileTests.Device(f, "sterile-connector-01").Remove("input")),
        LabFileTests.ReferenceFileWith(f => f["deliveries"]![1]!["atMinute"] = 2000),
        LabFileTests.ReferenceFileWith(f => f["id"] = "lab one"),
        LabFileTests.ReferenceFileWith(f => f["basedOn"] = "lab.json"),
        LabFileTests.ReferenceFileWith(f => f.Remove("deliveries")),
        """{ "devices": [ { "id": "separator-03", "capacity": 2 } ] }""",
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_file_the_schema_refuses_the_simulator_refuses_too(string json)
    {
        Assert.False(Evaluate(json).IsValid);
        Assert.NotEmpty(Assert.Throws<LabFileException>(() => LabFile.Parse(json)).Errors);
    }

    [Fact]
    public void The_schema_names_the_device_types_and_roles_of_the_simulator_and_of_dtdl()
    {
        var schema = JsonNode.Parse(LabSchema.Text)!;
        var fields = schema["$defs"]!["deviceFields"]!["properties"]!;
        Assert.Equal(DeviceTypes.All, fields["type"]!["enum"]!.AsArray().Select(t => (string)t!));
        var models = Directory.GetFiles(Path.Combine(RepositoryPaths.Dtdl, "devices"), "*.json").Select(Path.GetFileNameWithoutExtension);
        Assert.Equal(models.Order(StringComparer.Ordinal), DeviceTypes.All.Order(StringComparer.Ordinal));
        Assert.Equal(Enum.GetNames<DeviceRole>().Select(JsonNamingPolicy.CamelCase.ConvertName), fields["role"]!["enum"]!.AsArray().Select(r => (string)r!));
    }

    [Fact]
    public void The_schema_describes_every_field_a_lab_file_has()
    {
        var schema = JsonNode.Parse(LabSchema.Text)!;
        var written = JsonNode.Parse(LabFile.Write(ReferenceLab.Create()))!.AsObject();
        var lab = schema["properties"]!.AsObject();
        Assert.All(lab, p => Assert.NotNull(p.Value!["description"]));
        Assert.All(written.Select(p => p.Key), key => Assert.True(lab.ContainsKey(key), key));
        var device = schema["$defs"]!["deviceFields"]!["properties"]!.AsObject();
        Assert.All(device, p => Assert.NotNull(p.Value!["description"]));
        Assert.All(written["devices"]!.AsArray().SelectMany(d => d!.AsObject().Select(p => p.Key)), key => Assert.True(device.ContainsKey(key), key));
    }
}
