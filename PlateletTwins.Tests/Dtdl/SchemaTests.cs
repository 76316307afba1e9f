using static PlateletTwins.Tests.Dtdl.DtdlCases;

namespace PlateletTwins.Tests.Dtdl;

/// <summary>Schemas: inline and <c>schemas</c> entries, Enum datatypes, Map keys, nesting depth, recursion, v2's Array rule.</summary>
public sealed class SchemaTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_schemas_entry_is_read_even_when_not_an_array_and_checked_even_when_unused(int v)
    {
        Valid(Parse(v, """ "schemas":{"@id":"dtmi:test:E;1","@type":"Enum","valueSchema":"string","enumValues":[{"name":"a","enumValue":"a"}]}"""));
        Invalid(Parse(v, """ "schemas":{"@id":"dtmi:test:E;1","@type":"Enum","valueSchema":"string","enumValues":[{"name":"a","enumValue":1}]}"""), "nonConformantDatatype");
    }

    [Fact]
    public void A_schemas_entry_needs_an_id() => Invalid(Parse(3, """ "schemas":[{"@type":"Array","elementSchema":"double"}]"""), "missingRequiredId");

    [Fact]
    public void A_schema_may_be_referenced_within_its_interface()
    {
        var result = Parse(3, """ "schemas":[{"@id":"dtmi:test:Arr;1","@type":"Array","elementSchema":"double"}],"contents":[{"@type":"Telemetry","name":"t","schema":"dtmi:test:Arr;1"}]""");
        Valid(result);
        Assert.IsType<PlateletTwins.Dtdl.Model.ArraySchema>(result.Interfaces[0].Contents[0].Schema);
    }

    [Fact]
    public void A_map_key_must_be_a_string() =>
        Invalid(Parse(3, """ "contents":[{"@type":"Property","name":"m","schema":{"@type":"Map","mapKey":{"name":"k","schema":"integer"},"mapValue":{"name":"v","schema":"double"}}}]"""), "badType");

    [Theory]
    [InlineData(2, "excludedType")]
    public void A_v2_property_may_not_hold_an_array(int v, string validationId) =>
        Invalid(Parse(v, """ "contents":[{"@type":"Property","name":"p","schema":{"@type":"Array","elementSchema":"double"}}]"""), validationId);

    [Fact]
    public void A_v3_property_may_hold_an_array() =>
        Valid(Parse(3, """ "contents":[{"@type":"Property","name":"p","schema":{"@type":"Array","elementSchema":"double"}}]"""));

    [Theory]
    [InlineData(2, 5, true)]
    [InlineData(3, 5, true)]
    [InlineData(2, 6, false)]
    [InlineData(3, 6, false)]
    public void Complex_schemas_nest_at_most_five_levels(int v, int levels, bool valid)
    {
        var schema = "\"double\"";
        for (var i = 0; i < levels; i++)
        {
            schema = $$"""{"@type":"Array","elementSchema":{{schema}}}""";
        }
        var result = Parse(v, $$$""" "contents":[{"@type":"Telemetry","name":"t","schema":{{{schema}}}}]""");
        if (valid)
        {
            Valid(result);
        }
        else
        {
            Invalid(result, "excessiveDepthWide");
        }
    }

    [Fact]
    public void A_schema_may_not_contain_itself() =>
        Invalid(Parse(3, """ "schemas":[{"@id":"dtmi:test:O;1","@type":"Object","fields":[{"name":"self","schema":"dtmi:test:O;1"}]}]"""), "recursiveStructureWide");

    [Fact]
    public void Enum_values_are_distinct() =>
        Invalid(Parse(2, """ "contents":[{"@type":"Property","name":"e","schema":{"@type":"Enum","valueSchema":"integer","enumValues":[{"name":"a","enumValue":1},{"name":"b","enumValue":1}]}}]"""), "nonUniquePropertyValue");

    [Fact]
    public void A_v2_object_has_at_most_30_fields()
    {
        var fields = string.Join(",", Enumerable.Range(0, 31).Select(i => $$"""{"name":"f{{i}}","schema":"double"}"""));
        Invalid(Parse(2, $$$""" "contents":[{"@type":"Telemetry","name":"t","schema":{"@type":"Object","fields":[{{{fields}}}]}}]"""), "objectCountAboveMax");
    }
}
