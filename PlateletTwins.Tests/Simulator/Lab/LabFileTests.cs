using System.Text.Json.Nodes;
using PlateletTwins.SimulatorService.Cli;
using PlateletTwins.SimulatorService.Lab.Configuration;
using PlateletTwins.SimulatorService.Lab.Model;

namespace PlateletTwins.Tests.Simulator.Lab;

public sealed class LabFileTests
{
    /// <summary>The reference lab's complete file, as <c>simulate --write-lab</c> writes it, changed by <paramref name="change"/>.</summary>
    public static string ReferenceFileWith(Action<JsonObject> change)
    {
        var file = JsonNode.Parse(LabFile.Write(ReferenceLab.Create()))!.AsObject();
        change(file);
        return file.ToJsonString();
    }

    public static JsonObject Device(JsonObject file, string id) => file["devices"]!.AsArray().OfType<JsonObject>().Single(d => (string)d["id"]! == id);

    private static IReadOnlyList<string> Refusal(string json) => Assert.Throws<LabFileException>(() => LabFile.Parse(json)).Errors;

    [Fact]
    public void A_lab_file_based_on_the_reference_overrides_one_device_and_keeps_every_other_default()
    {
        var lab = LabFile.Parse("""{ "basedOn": "reference", "devices": [ { "id": "separator-03", "capacity": 2 } ], "eligibleShare": 0.8 }""");
        Assert.Equal(2, lab.Devices.Single(d => d.Id == "separator-03").Capacity);
        Assert.Equal(0.8, lab.EligibleShare);
        Assert.Equal(ReferenceLab.Create().Devices.Count, lab.Devices.Count);
        Assert.Equal(12, lab.Devices.Single(d => d.Id == "centrifuge-01").Capacity);
        Assert.Equal(ReferenceLab.Create().Name, lab.Name);
    }

    [Fact]
    public void A_lab_file_that_adjusts_without_saying_so_is_refused_with_the_way_to_say_it()
    {
        var error = Assert.Single(Refusal("""{ "devices": [ { "id": "separator-03", "capacity": 2 } ] }"""));
        Assert.Contains("id, buffers, deliveries are missing", error, StringComparison.Ordinal);
        Assert.Contains("\"basedOn\": \"reference\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lab_with_every_device_renamed_stands_alone_instead_of_adding_its_devices_beside_the_reference_ones()
    {
        var renamed = ReferenceFileWith(file =>
        {
            file["id"] = "lab-b";
            var ids = file["devices"]!.AsArray().Select(d => (string)d!["id"]!).ToHashSet();
            foreach (var device in file["devices"]!.AsArray().OfType<JsonObject>())
            {
                device["id"] = "b-" + (string)device["id"]!;
                if (ids.Contains((string)device["output"]!))
                {
                    device["output"] = "b-" + (string)device["output"]!;
                }
            }
        });
        var lab = LabFile.Parse(renamed);
        Assert.Equal(12, lab.Devices.Count);
        Assert.All(lab.Devices, d => Assert.StartsWith("b-", d.Id, StringComparison.Ordinal));
        Assert.Equal("lab-b", lab.Id);
        Assert.Equal(ReferenceLab.Create().Name, lab.Name);
        Assert.Equal(ReferenceLab.Create().Feeds().Count(), lab.Feeds().Count());
    }

    [Fact]
    public void A_whole_lab_without_a_name_is_called_by_its_id()
    {
        var lab = LabFile.Parse(ReferenceFileWith(f =>
        {
            f["id"] = "lab-c";
            f.Remove("name");
        }));
        Assert.Equal("lab-c", lab.Name);
    }

    [Fact]
    public void The_reference_lab_round_trips_through_its_file()
    {
        var text = LabFile.Write(ReferenceLab.Create());
        Assert.Equal(text, LabFile.Write(LabFile.Parse(text)));
        Assert.StartsWith("""{"$schema":"lab.schema.json",""", JsonNode.Parse(text)!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_complete_file_written_by_an_earlier_write_lab_runs_as_the_reference_lab()
    {
        // Earlier versions wrote no $schema and a batchSize of 0 on every device that does not batch.
        var earlier = ReferenceFileWith(file =>
        {
            file.Remove("$schema");
            foreach (var device in file["devices"]!.AsArray().OfType<JsonObject>().Where(d => d["batchSize"] is null))
            {
                device["batchSize"] = 0;
            }
        });
        Assert.Equal(LabFile.Write(ReferenceLab.Create()), LabFile.Write(LabFile.Parse(earlier)));
    }

    [Fact]
    public void A_misspelt_reference_is_reported_once_without_what_follows_from_it()
    {
        var errors = Refusal(ReferenceFileWith(f => Device(f, "pooling-station-01")["input"] = "pooling-queu"));
        Assert.Equal(
            ["device 'pooling-station-01': input 'pooling-queu' is not a buffer of the lab (buffers: wb-hold, separator-rack, bc-rest-rack, pooling-queue, pool-spin-queue, platelet-press-queue, sealing-queue, illumination-queue)",
             "buffer 'pooling-queue': no device takes from it (no device has input 'pooling-queue')"],
            errors);
    }

    public static string ReferenceFileWithoutRoles() => ReferenceFileWith(file =>
    {
        foreach (var device in file["devices"]!.AsArray().OfType<JsonObject>())
        {
            device.Remove("role");
        }
    });

    [Fact]
    public void A_device_without_a_role_works_as_its_type_does_and_a_separator_as_its_place_in_the_flow_says()
    {
        // separator-01 and -02 press whole blood (role separator), separator-03 presses pools (a station).
        Assert.Equal(LabFile.Write(ReferenceLab.Create()), LabFile.Write(LabFile.Parse(ReferenceFileWithoutRoles())));
    }

    [Fact]
    public void Write_lab_writes_the_complete_reference_lab_and_its_schema_beside_it()
    {
        var directory = Directory.CreateTempSubdirectory("platelettwins-lab-");
        try
        {
            var path = Path.Combine(directory.FullName, "lab.json");
            Assert.Equal(0, SimulateCommand.Run(["--write-lab", path], TextWriter.Null, TextWriter.Null));
            Assert.Equal(LabSchema.Text, File.ReadAllText(Path.Combine(directory.FullName, LabFile.SchemaFileName)));
            var written = JsonNode.Parse(File.ReadAllText(path))!;
            Assert.Equal(LabFile.SchemaFileName, (string)written["$schema"]!);
            Assert.Null(written["basedOn"]);
            Assert.Equal(ReferenceLab.Create().Devices.Count, LabFile.Load(path).Devices.Count);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Simulate_refuses_a_bad_lab_file_with_its_errors_and_runs_nothing()
    {
        var directory = Directory.CreateTempSubdirectory("platelettwins-lab-");
        try
        {
            var path = Path.Combine(directory.FullName, "lab.json");
            File.WriteAllText(path, ReferenceFileWith(file => Device(file, "centrifuge-02")["input"] = "wb-hld"));
            var error = new StringWriter();
            var output = new StringWriter();
            Assert.Equal(2, SimulateCommand.Run(["--lab", path], output, error));
            Assert.Contains("device 'centrifuge-02': input 'wb-hld' is not a buffer of the lab", error.ToString(), StringComparison.Ordinal);
            Assert.Equal("", output.ToString());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Bad lab files, each with the words its refusal must contain: the element it names and what is wrong.</summary>
    public static TheoryData<string, string> BadFiles => new()
    {
        { ReferenceFileWith(f => Device(f, "centrifuge-01")["capcity"] = 3), "device 'centrifuge-01': unknown field 'capcity'" },
        { ReferenceFileWith(f => Device(f, "centrifuge-01")["role"] = "batc"), "device 'centrifuge-01': role: a role (one of batch, separator, sterileConnector, station, storage) expected" },
        { ReferenceFileWith(f => Device(f, "centrifuge-01")["role"] = 0), "device 'centrifuge-01': role: a role" },
        { ReferenceFileWith(f => Device(f, "separator-01")["capacity"] = "two"), "device 'separator-01': capacity: a whole number expected" },
        { ReferenceFileWith(f => Device(f, "separator-01").Remove("type")), "device 'separator-01': 'type' missing" },
        { ReferenceFileWith(f => Device(f, "separator-01")["type"] = "Press"), "device 'separator-01': type 'Press' is not a device type" },
        { ReferenceFileWith(f => f["buffers"]![0]!.AsObject().Remove("capacity")), "buffer 'wb-hold': 'capacity' missing" },
        { ReferenceFileWith(f => Device(f, "centrifuge-02")["input"] = "wb-hld"), "device 'centrifuge-02': input 'wb-hld' is not a buffer of the lab (buffers: wb-hold," },
        { ReferenceFileWith(f => Device(f, "tube-sealer-01")["output"] = "illuminater-01"), "device 'tube-sealer-01': output 'illuminater-01' is neither a buffer, a device nor 'released'" },
        { ReferenceFileWith(f => Device(f, "sterile-connector-01")["batchSize"] = 3), "device 'sterile-connector-01': batchSize is a batch rule, and a device of role 'sterileConnector' does not batch" },
        { ReferenceFileWith(f => Device(f, "separator-03")["maxWaitMinutes"] = 10), "device 'separator-03': maxWaitMinutes is a batch rule, and a device of role 'station' does not batch" },
        { ReferenceFileWith(f => Device(f, "centrifuge-01")["batchSize"] = 13), "device 'centrifuge-01': batchSize 13 is out of range: from 1 to the capacity, 12" },
        { ReferenceFileWith(f => Device(f, "pooling-station-01")["capacity"] = 0), "device 'pooling-station-01': capacity 0 is out of range: a device holds 1 to 1000 items" },
        { ReferenceFileWith(f => Device(f, "tube-sealer-01")["cycle"] = JsonNode.Parse("""{"tri":[5,3,1]}""")), "device 'tube-sealer-01': cycle: {\"tri\":[5,3,1]} is out of range" },
        { ReferenceFileWith(f => Device(f, "tube-sealer-01")["cycle"] = JsonNode.Parse("""{"tri":[1,2,3],"exp":2}""")), "device 'tube-sealer-01': cycle has tri and exp; it is exactly one of" },
        { ReferenceFileWith(f => Device(f, "tube-sealer-01").Remove("repair")), "device 'tube-sealer-01': timeToFailure and repair go together" },
        { ReferenceFileWith(f => Device(f, "tube-sealer-01")["output"] = "pool-spin-queue"), "the flow has a cycle: pool-spin-queue → centrifuge-03 → platelet-press-queue → separator-03 → sealing-queue → tube-sealer-01 → pool-spin-queue" },
        { ReferenceFileWith(f => Device(f, "pooling-station-01").Remove("input")), "device 'pooling-station-01': has no input: give it an input buffer, or make an upstream device's output 'pooling-station-01'" },
        { ReferenceFileWith(f => Device(f, "separator-03")["input"] = "separator-rack"), "device 'label-station-01': its output is 'released', but it finishes whole-blood units" },
        { ReferenceFileWith(f => Device(f, "separator-03")["input"] = "separator-rack"), "buffer 'platelet-press-queue': no device takes from it" },
        { ReferenceFileWith(f => Device(f, "separator-03")["role"] = "separator"), "device 'separator-03': a separator takes whole-blood units, but it receives pools" },
        { ReferenceFileWith(f => Device(f, "illuminator-01")["output"] = "label-station-01"), "device 'agitator-01': has no input" },
        { ReferenceFileWith(f => Device(f, "centrifuge-03")["output"] = "sealing-queue"), "buffer 'platelet-press-queue': nothing fills it" },
        { ReferenceFileWith(f => Device(f, "centrifuge-03")["output"] = "sealing-queue"), "device 'separator-03': gets no items" },
        { ReferenceFileWith(f => Device(f, "centrifuge-01")["onFailure"] = "scrap"), "device 'centrifuge-01': onFailure 'scrap' scraps pools, but it holds whole-blood units" },
        { ReferenceFileWith(f => f["deliveries"]![1]!["atMinute"] = 2000), "deliveries[1]: atMinute 2000 is out of range" },
        { ReferenceFileWith(f => f["deliveries"]![1]!["buffer"] = "north-hold"), "deliveries[1]: buffer 'north-hold' is not a buffer of the lab" },
        { ReferenceFileWith(f => f["aboShares"]![0]!["share"] = 0.5), "aboShares: the shares add up to 1.05, not 1" },
        { ReferenceFileWith(f => f["buffers"]![1]!["id"] = "wb-hold"), "id 'wb-hold' is used 2 times" },
        { ReferenceFileWith(f => f["id"] = "lab one"), "id 'lab one': a lab id is a twin id: a letter or digit, then letters, digits and - . _ ~ :, at most 128 characters" },
        { ReferenceFileWith(f => f["id"] = "-lab"), "id '-lab': a lab id is a twin id" },
        { ReferenceFileWith(f => Device(f, "separator-01")["id"] = ".separator-01"), "device '.separator-01': an id is a twin id" },
        { ReferenceFileWith(f => f["id"] = new string('l', 101)), $"id '{new string('l', 101)}': 101 characters; a lab id has at most 100" },
        { ReferenceFileWith(f => Device(f, "label-station-01")["id"] = new string('d', 116)), $"device '{new string('d', 116)}': its twin id 'platelet-lab.{new string('d', 116)}' (the lab's id, a dot, the device's) has 129 characters; at most 128" },
        { ReferenceFileWith(f => f["basedOn"] = "lab.json"), "basedOn \"lab.json\": a lab file is based on \"reference\"" },
        { """{ "basedOn": "reference", "devices": [ { "id": "illuminator-01", "role": "station" } ] }""", "device 'illuminator-01': batchSize is a batch rule, and a device of role 'station' does not batch" },
        { "{ \"id\": ", "not valid JSON" },
        { ReferenceFileWith(f => f["deliveries"]![0]!["count"] = 10.5), "deliveries[0].count: a whole number expected" },
        { ReferenceFileWith(f => f["devices"] = new JsonObject()), "devices: a list expected" },
        { ReferenceFileWith(f => f["labs"] = new JsonArray()), "the lab: unknown field 'labs'" },
        { ReferenceFileWith(f => Device(f, "centrifuge-01")["type"] = null), "device 'centrifuge-01': type: cannot be null" },
        { ReferenceFileWith(f => Device(f, "centrifuge-01")["cycle"] = JsonNode.Parse("""{"normal":[1,3]}""")), "device 'centrifuge-01': cycle: unknown field 'normal'" },

        // Numbers a run cannot take: each would crash it, hang it or run it out of memory.
        { ReferenceFileWith(f => Device(f, "tube-sealer-01")["cycle"] = JsonNode.Parse("""{"tri":[1,2,1e200]}""")), "device 'tube-sealer-01': cycle: {\"tri\":[1,2,1E+200]} is out of range: tri is [min, mode, max] with 0 ≤ min ≤ mode ≤ max ≤ 10000000" },
        { ReferenceFileWith(f => Device(f, "tube-sealer-01")["cycle"] = JsonNode.Parse("""{"tri":[1,2,1e400]}""")), "device 'tube-sealer-01': cycle: {\"tri\":[1,2,Infinity]} is out of range" },
        { ReferenceFileWith(f => Device(f, "tube-sealer-01")["repair"] = JsonNode.Parse("""{"lognormal":[1e-300,1]}""")), "device 'tube-sealer-01': repair: {\"lognormal\":[1E-300,1]} is out of range: lognormal is [mean, sd] with 0.001 ≤ mean ≤ 10000000 and 0 ≤ sd ≤ 10 × mean" },
        { ReferenceFileWith(f => Device(f, "tube-sealer-01")["repair"] = JsonNode.Parse("""{"lognormal":[10,1e200]}""")), "device 'tube-sealer-01': repair: {\"lognormal\":[10,1E+200]} is out of range" },
        { ReferenceFileWith(f => Device(f, "tube-sealer-01")["repair"] = JsonNode.Parse("""{"lognormal":[10,101]}""")), "device 'tube-sealer-01': repair: {\"lognormal\":[10,101]} is out of range" },
        { ReferenceFileWith(f => Device(f, "tube-sealer-01")["timeToFailure"] = JsonNode.Parse("""{"exp":1e-300}""")), "device 'tube-sealer-01': timeToFailure: {\"exp\":1E-300} is out of range: exp is a mean from 60 to 10000000" },
        { ReferenceFileWith(f => Device(f, "tube-sealer-01")["timeToFailure"] = JsonNode.Parse("""{"tri":[0,10,59]}""")), "device 'tube-sealer-01': timeToFailure: {\"tri\":[0,10,59]} is out of range: tri is [min, mode, max] with 0 ≤ min ≤ mode ≤ max ≤ 10000000 and max ≥ 60" },
        { ReferenceFileWith(f => Device(f, "tube-sealer-01")["repair"] = JsonNode.Parse("""{"exp":1e-300}""")), "device 'tube-sealer-01': repair: {\"exp\":1E-300} is out of range: exp is a mean from 0.001 to 10000000" },
        { ReferenceFileWith(f => Device(f, "agitator-01")["cycle"] = JsonNode.Parse("""{"uniform":[0,1e8]}""")), "device 'agitator-01': cycle: {\"uniform\":[0,100000000]} is out of range" },
        { ReferenceFileWith(f => Device(f, "agitator-01")["capacity"] = 2_000_000_000), "device 'agitator-01': capacity 2000000000 is out of range: a device holds 1 to 1000 items" },
        { ReferenceFileWith(f => f["buffers"]![0]!["capacity"] = int.MaxValue), "buffer 'wb-hold': capacity 2147483647 is out of range: a buffer holds 1 to 100000 items" },
        { ReferenceFileWith(f => f["deliveries"]![0]!["count"] = 1_000_000_000), "deliveries[0]: count 1000000000 is out of range: a delivery brings 1 to 10000 units" },
        { ReferenceFileWith(f => f["deliveries"]![0]!["collectedMaxMinutesBefore"] = 1e300), "deliveries[0]: collected 660 to 1E+300 minutes before; 0 ≤ collectedMinMinutesBefore ≤ collectedMaxMinutesBefore ≤ 10000000" },
        { ReferenceFileWith(f => Device(f, "centrifuge-01")["maxWaitMinutes"] = 1e300), "device 'centrifuge-01': maxWaitMinutes 1E+300 is out of range: from 0 to 10000000" },
        { ReferenceFileWith(f => f["poolSize"] = 1000), "poolSize 1000 is out of range: from 1 to 20" },
        { ReferenceFileWith(f => f["expiryMinutes"] = 1e300), "expiryMinutes 1E+300 is out of range: above 0, at most 10000000" },
        { ReferenceFileWith(f => f["poolShelfLifeMinutes"] = JsonNode.Parse("1e400")), "poolShelfLifeMinutes Infinity is out of range: above 0, at most 10000000" },
        { ReferenceFileWith(f => f["minRestMinutes"] = 1e300), "minRestMinutes 1E+300 is out of range: from 0 to 10000000" },
        { ReferenceFileWith(f => Device(f, "agitator-01")["position"] = JsonNode.Parse("[0,1e400,0]")), "device 'agitator-01': position [0, Infinity, 0] is out of range: each of x, y, z from -10000 to 10000 metres" },
        { ReferenceFileWith(f => f["aboShares"] = new JsonArray([.. Enumerable.Range(0, 17).Select(i => new JsonObject { ["group"] = $"g{i}", ["share"] = i == 0 ? 1 : 0 })])), "aboShares: 17 groups; a lab has at most 16" },
        { ReferenceFileWith(f => f["deliveries"] = new JsonArray([.. Enumerable.Range(0, 101).Select(i => new JsonObject { ["atMinute"] = i, ["count"] = 1, ["collectedMinMinutesBefore"] = 60, ["collectedMaxMinutesBefore"] = 120 })])), "deliveries: 101 deliveries; a lab has at most 100" },
        { ManyDevices(1001), "devices: 1001 devices; a lab has at most 1000" },

        // Numbers are written as numbers: a string is not read as one.
        { ReferenceFileWith(f => Device(f, "separator-01")["capacity"] = "12"), "device 'separator-01': capacity: a whole number expected" },
        { ReferenceFileWith(f => f["buffers"]![0]!["capacity"] = "400"), "buffer 'wb-hold': capacity: a whole number expected" },
        { ReferenceFileWith(f => f["poolSize"] = "5"), "poolSize: a whole number expected" },
        { ReferenceFileWith(f => Device(f, "tube-sealer-01")["cycle"] = JsonNode.Parse("""{"exp":"2"}""")), "device 'tube-sealer-01': cycle.exp: a number expected" },

        // A field given twice is refused, naming it, instead of one of them winning.
        { ReferenceFileWith(_ => { }).Replace("\"id\":\"separator-03\",", "\"id\":\"separator-03\",\"capacity\":2,", StringComparison.Ordinal), "device 'separator-03': capacity is given twice" },
        { """{ "basedOn": "reference", "poolSize": 4, "poolSize": 5 }""", "poolSize is given twice" },
        { """{ "basedOn": "reference", "devices": [ { "id": "separator-03", "cycle": { "tri": [5, 7, 10], "tri": [5, 8, 10] } } ] }""", "device 'separator-03': cycle.tri is given twice" },
    };

    /// <summary>The reference lab with stations added after its label station until it has <paramref name="count"/> devices.</summary>
    public static string ManyDevices(int count) => ReferenceFileWith(file =>
    {
        var devices = file["devices"]!.AsArray();
        var extra = count - devices.Count;
        Device(file, "label-station-01")["output"] = "extra-label-0";
        for (var i = 0; i < extra; i++)
        {
            devices.Add(new JsonObject
            {
                ["id"] = $"extra-label-{i}",
                ["type"] = "LabelStation",
                ["role"] = "station",
                ["capacity"] = 1,
                ["output"] = i == extra - 1 ? "released" : $"extra-label-{i + 1}",
                ["cycle"] = JsonNode.Parse("""{"tri":[1,2,3]}"""),
            });
        }
    });

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_bad_lab_file_is_refused_with_an_error_that_names_its_element(string json, string expected)
    {
        var errors = Refusal(json);
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_at_once()
    {
        var errors = Refusal(ReferenceFileWith(f =>
        {
            Device(f, "centrifuge-02")["input"] = "wb-hld";
            Device(f, "pooling-station-01")["capacity"] = 0;
            f["deliveries"]![1]!["atMinute"] = 2000;
        }));
        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public void A_device_without_failures_never_fails_even_under_stress()
    {
        var lab = LabFile.Parse(ReferenceFileWith(f =>
        {
            foreach (var device in f["devices"]!.AsArray().OfType<JsonObject>())
            {
                device.Remove("timeToFailure");
                device.Remove("repair");
            }
        }));
        var model = new LabModel(ReferenceLab.Stress(lab), 3);
        model.RunUntil(36 * 60);
        Assert.All(model.Devices, d => Assert.Equal(0, d.Statistics.Failures));
        Assert.True(model.Statistics.PoolsReleased > 0);
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
