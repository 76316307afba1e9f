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

    private static string With(Action<JsonObject> change) => LabFileTests.ReferenceFileWith(change);

    private static Action<JsonObject> OnDevice(string id, string field, JsonNode? value) => f => LabFileTests.Device(f, id)[field] = value;

    private static Action<JsonObject> OnBuffer(string id, string field, JsonNode? value) => f => f["buffers"]!.AsArray().Single(b => (string)b!["id"]! == id)![field] = value;

    private static JsonArray AboGroups(int count) => [.. Enumerable.Range(0, count).Select(i => new JsonObject { ["group"] = $"g{i}", ["share"] = i == 0 ? 1 : 0 })];

    private static JsonArray Deliveries(int count) => [.. Enumerable.Range(0, count).Select(i => new JsonObject { ["atMinute"] = i, ["count"] = 1, ["collectedMinMinutesBefore"] = 60, ["collectedMaxMinutesBefore"] = 120 })];

    /// <summary>Files at and past each limit, and the cases where the schema and the simulator once disagreed, each with whether it runs.</summary>
    public static TheoryData<string, bool> EdgeFiles => new()
    {
        { With(OnDevice("tube-sealer-01", "cycle", JsonNode.Parse("""{"tri":[0,0,10000000]}"""))), true },
        { With(OnDevice("tube-sealer-01", "cycle", JsonNode.Parse("""{"tri":[0,0,10000001]}"""))), false },
        { With(OnDevice("tube-sealer-01", "cycle", JsonNode.Parse("""{"tri":[0,0,1e200]}"""))), false },
        { With(OnDevice("tube-sealer-01", "cycle", JsonNode.Parse("""{"exp":0.001}"""))), true },
        { With(OnDevice("tube-sealer-01", "cycle", JsonNode.Parse("""{"exp":0.0009}"""))), false },
        { With(OnDevice("tube-sealer-01", "cycle", JsonNode.Parse("""{"uniform":[0,0.0009]}"""))), false },
        { With(OnDevice("tube-sealer-01", "repair", JsonNode.Parse("""{"lognormal":[0.001,0.01]}"""))), true },
        { With(OnDevice("tube-sealer-01", "repair", JsonNode.Parse("""{"lognormal":[1e-300,0]}"""))), false },
        { With(OnDevice("tube-sealer-01", "repair", JsonNode.Parse("""{"lognormal":[10,10000001]}"""))), false },
        { With(OnDevice("tube-sealer-01", "timeToFailure", JsonNode.Parse("""{"exp":60}"""))), true },
        { With(OnDevice("tube-sealer-01", "timeToFailure", JsonNode.Parse("""{"exp":59.9}"""))), false },
        { With(OnDevice("tube-sealer-01", "timeToFailure", JsonNode.Parse("""{"exp":1e-300}"""))), false },
        { With(OnDevice("tube-sealer-01", "timeToFailure", JsonNode.Parse("""{"tri":[0,0,60]}"""))), true },
        { With(OnDevice("tube-sealer-01", "timeToFailure", JsonNode.Parse("""{"tri":[0,0,59]}"""))), false },
        { With(OnDevice("tube-sealer-01", "timeToFailure", JsonNode.Parse("""{"uniform":[0,59]}"""))), false },
        { With(OnDevice("tube-sealer-01", "timeToFailure", JsonNode.Parse("""{"lognormal":[59,1]}"""))), false },
        { With(OnDevice("agitator-01", "capacity", 1000)), true },
        { With(OnDevice("agitator-01", "capacity", 1001)), false },
        { With(OnDevice("agitator-01", "position", JsonNode.Parse("[10000,-10000,0]"))), true },
        { With(OnDevice("agitator-01", "position", JsonNode.Parse("[10001,0,0]"))), false },
        { With(OnDevice("centrifuge-01", "maxWaitMinutes", 10_000_000)), true },
        { With(OnDevice("centrifuge-01", "maxWaitMinutes", 10_000_001)), false },
        { With(OnBuffer("wb-hold", "capacity", 100_000)), true },
        { With(OnBuffer("wb-hold", "capacity", 100_001)), false },
        { With(f => f["deliveries"]![0]!["count"] = 10_000), true },
        { With(f => f["deliveries"]![0]!["count"] = 10_001), false },
        { With(f => f["deliveries"]![0]!["collectedMaxMinutesBefore"] = 10_000_000), true },
        { With(f => f["deliveries"]![0]!["collectedMaxMinutesBefore"] = 10_000_001), false },
        { With(f => f["poolSize"] = 20), true },
        { With(f => f["poolSize"] = 21), false },
        { With(f => f["expiryMinutes"] = 10_000_000), true },
        { With(f => f["expiryMinutes"] = 10_000_001), false },
        { With(f => f["minRestMinutes"] = 10_000_001), false },
        { With(f => f["poolShelfLifeMinutes"] = 10_000_001), false },
        { With(f => f["aboShares"] = AboGroups(16)), true },
        { With(f => f["aboShares"] = AboGroups(17)), false },
        { With(f => f["deliveries"] = Deliveries(100)), true },
        { With(f => f["deliveries"] = Deliveries(101)), false },
        { LongFlowTests.Line(), true },
        { LabFileTests.ManyDevices(1001), false },

        // A number written as a string.
        { With(OnDevice("separator-01", "capacity", "12")), false },
        { With(f => f["poolSize"] = "5"), false },
        // batchSize: 0 on a device that does not batch is an earlier --write-lab's way to write none, in a whole lab only.
        { With(OnDevice("separator-03", "batchSize", 0)), true },
        { With(OnDevice("centrifuge-01", "batchSize", 0)), false },
        { """{ "basedOn": "reference", "devices": [ { "id": "separator-03", "batchSize": 0 } ] }""", false },
        // In an adjustment of the reference lab, an element with the id of one of its elements changes it, and one with a new id is a whole new element.
        { """{ "basedOn": "reference", "devices": [ { "id": "separator-03" } ] }""", true },
        { """{ "basedOn": "reference", "devices": [ { "id": "separator-04" } ] }""", false },
        { """{ "basedOn": "reference", "buffers": [ { "id": "wb-hold" } ] }""", true },
        { """{ "basedOn": "reference", "buffers": [ { "id": "overflow-rack" } ] }""", false },
        { """{ "basedOn": "reference", "buffers": [ { "id": "wb-hold", "capacity": 100001 } ] }""", false },
        // Twin ids as the ingestion service takes them.
        { With(f => f["id"] = "9-lab"), true },
        { With(f => f["id"] = "-lab"), false },
        { With(f => f["id"] = "~lab"), false },
    };

    [Theory]
    [MemberData(nameof(EdgeFiles))]
    public void The_schema_and_the_simulator_agree_on_what_runs(string json, bool runs)
    {
        var results = Evaluate(json);
        Assert.True(results.IsValid == runs, $"schema: {(results.IsValid ? "valid" : Problems(results))}");
        var refusal = Record.Exception(() => LabFile.Parse(json));
        Assert.True((refusal is null) == runs, $"simulator: {refusal?.Message ?? "runs"}");
        Assert.True(refusal is null or LabFileException, $"simulator: {refusal}");
    }

    [Fact]
    public void The_schema_writes_the_limits_the_simulator_checks()
    {
        var defs = JsonNode.Parse(LabSchema.Text)!["$defs"]!;
        var lab = JsonNode.Parse(LabSchema.Text)!["properties"]!;
        var device = defs["deviceFields"]!["properties"]!;
        static double N(JsonNode? node) => node!.GetValue<double>();
        Assert.Equal(LabLimits.MaxMinutes, N(defs["minutes"]!["maximum"]));
        Assert.Equal((LabLimits.MinScaleMinutes, LabLimits.MaxMinutes), (N(defs["scale"]!["minimum"]), N(defs["scale"]!["maximum"])));
        Assert.Equal(LabLimits.MinTimeToFailureMinutes, N(defs["failureDistribution"]!["allOf"]![1]!["properties"]!["exp"]!["minimum"]));
        Assert.Equal(LabLimits.MaxDeviceCapacity, N(device["capacity"]!["maximum"]));
        Assert.Equal(LabLimits.MaxDeviceCapacity, N(device["batchSize"]!["maximum"]));
        Assert.Equal(LabLimits.MaxMinutes, N(device["maxWaitMinutes"]!["maximum"]));
        Assert.Equal(LabLimits.MaxPositionMetres, N(device["position"]!["items"]!["maximum"]));
        Assert.Equal(LabLimits.MaxBufferCapacity, N(defs["bufferFields"]!["properties"]!["capacity"]!["maximum"]));
        Assert.Equal(LabLimits.MaxDeliveryCount, N(defs["delivery"]!["properties"]!["count"]!["maximum"]));
        Assert.Equal(LabLimits.MaxPoolSize, N(lab["poolSize"]!["maximum"]));
        Assert.Equal(
            (LabLimits.MaxDevices, LabLimits.MaxBuffers, LabLimits.MaxDeliveries, LabLimits.MaxAboGroups),
            ((int)N(lab["devices"]!["maxItems"]), (int)N(lab["buffers"]!["maxItems"]), (int)N(lab["deliveries"]!["maxItems"]), (int)N(lab["aboShares"]!["maxItems"])));
        Assert.All(new[] { "expiryMinutes", "minRestMinutes", "poolShelfLifeMinutes" }, field => Assert.Equal(LabLimits.MaxMinutes, N(lab[field]!["maximum"])));
        Assert.Equal(LabLimits.MaxLabIdLength, N(lab["id"]!["maxLength"]));
    }

    [Fact]
    public void The_schema_knows_the_reference_labs_elements_an_adjustment_changes()
    {
        var then = JsonNode.Parse(LabSchema.Text)!["then"]!["properties"]!;
        string[] Ids(string list) => [.. then[list]!["items"]!["if"]!["properties"]!["id"]!["enum"]!.AsArray().Select(i => (string)i!)];
        Assert.Equal(ReferenceLab.Create().Devices.Select(d => d.Id), Ids("devices"));
        Assert.Equal(ReferenceLab.Create().Buffers.Select(b => b.Id), Ids("buffers"));
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
