using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using PlateletTwins.Dtdl;
using PlateletTwins.SimulatorService.Lab.Configuration;

namespace PlateletTwins.Tests.Dtdl;

/// <summary>One rule for twin ids, for the simulator's lab files, their schema and the intake.</summary>
public sealed class TwinIdsTests
{
    public static TheoryData<string, bool> Ids => new()
    {
        { "platelet-lab", true }, { "9", true }, { "a", true }, { "Lab.v2_a~b:c", true }, { "centrifuge-01", true }, { new string('a', 128), true },
        { "", false }, { "-lab", false }, { ".lab", false }, { "_lab", false }, { "~lab", false }, { ":lab", false },
        { new string('a', 129), false }, { "lab one", false }, { "lab/1", false }, { "läb", false }, { "lab\n", false }, { "lab%20", false },
    };

    [Theory]
    [MemberData(nameof(Ids))]
    public void A_twin_id_is_a_letter_or_digit_then_letters_digits_and_four_marks(string id, bool valid) => Assert.Equal(valid, TwinIds.IsValid(id));

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_lab_files_schema_writes_the_same_rule(string id, bool valid)
    {
        var pattern = JsonNode.Parse(LabSchema.Text)!["$defs"]!["id"]!["pattern"]!.GetValue<string>();
        Assert.Equal(TwinIds.SchemaPattern, pattern);
        var schema = JsonSchema.FromText($$"""{ "type": "string", "pattern": {{JsonSerializer.Serialize(pattern)}} }""");
        using var value = JsonDocument.Parse(JsonSerializer.Serialize(id));
        Assert.Equal(valid, schema.Evaluate(value.RootElement).IsValid);
    }

    [Fact]
    public void Null_is_no_twin_id() => Assert.False(TwinIds.IsValid(null));
}
