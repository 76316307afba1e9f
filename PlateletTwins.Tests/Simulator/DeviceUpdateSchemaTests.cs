using System.Text.Json;
using System.Text.Json.Nodes;
using PlateletTwins.SimulatorService.Devices;
using PlateletTwins.SimulatorService.Streaming;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.Simulator;

/// <summary>One schema: every property the simulator emits is declared by the Device model in dtdl/, with a matching schema.</summary>
public sealed class DeviceUpdateSchemaTests
{
    [Fact]
    public void Every_emitted_property_is_declared_on_the_Device_model_with_a_matching_schema()
    {
        var model = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Dtdl, "Device.json")))!;
        var declared = model["contents"]!.AsArray()
            .Where(c => c!["@type"]!.GetValue<string>() == "Property")
            .ToDictionary(c => c!["name"]!.GetValue<string>(), c => c!["schema"]!);

        var update = new DeviceUpdate("centrifuge-01", 7, 90, DeviceStatus.Blocked, 12, 30, 0.4, 10, 60, 15, 5, 48, 1);
        var message = UpdateMapper.ToMessage(update, DateTimeOffset.UnixEpoch, null, DateTimeOffset.UnixEpoch);

        Assert.NotEmpty(message.Properties);
        foreach (var (name, value) in message.Properties)
        {
            Assert.True(declared.TryGetValue(name, out var schema), $"{name} is not declared on the Device model");
            Assert.True(Conforms(value!, schema), $"{name} = {value!.ToJsonString()} does not match schema {schema.ToJsonString()}");
        }
    }

    private static bool Conforms(JsonNode value, JsonNode schema) => schema switch
    {
        JsonValue s when s.GetValue<string>() == "integer" => value.GetValueKind() == JsonValueKind.Number && value.AsValue().TryGetValue<int>(out _),
        JsonValue s when s.GetValue<string>() == "double" => value.GetValueKind() == JsonValueKind.Number,
        JsonValue s when s.GetValue<string>() == "string" => value.GetValueKind() == JsonValueKind.String,
        JsonObject e when e["@type"]!.GetValue<string>() == "Enum" =>
            e["enumValues"]!.AsArray().Any(v => v!["enumValue"]!.GetValue<string>() == value.GetValue<string>()),
        _ => false,
    };
}
