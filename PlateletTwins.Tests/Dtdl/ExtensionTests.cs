using static PlateletTwins.Tests.Dtdl.DtdlCases;

namespace PlateletTwins.Tests.Dtdl;

/// <summary>Semantic types and units (v2 native, v3 by QuantitativeTypes), historization, annotation and overriding.</summary>
public sealed class ExtensionTests
{
    private const string V3Qt = """["dtmi:dtdl:context;3","dtmi:dtdl:extension:quantitativeTypes;1"]""";
    private const string V3All = """["dtmi:dtdl:context;3","dtmi:dtdl:extension:quantitativeTypes;1","dtmi:dtdl:extension:annotation;2","dtmi:dtdl:extension:overriding;2","dtmi:dtdl:extension:historization;2"]""";

    [Fact]
    public void A_v2_semantic_type_with_its_unit_is_read()
    {
        var result = Parse(2, """ "contents":[{"@type":["Telemetry","Temperature"],"name":"t","schema":"double","unit":"degreeCelsius"}]""");
        Valid(result);
        Assert.Equal("degreeCelsius", result.Interfaces[0].Contents[0].Unit);
        Assert.Equal(["Temperature"], result.Interfaces[0].Contents[0].SemanticTypes);
    }

    [Fact]
    public void A_v3_semantic_type_needs_the_extension()
    {
        Valid(Parse(3, """ "contents":[{"@type":["Property","Temperature"],"name":"t","schema":"double","unit":"kelvin"}]""", V3Qt));
        Invalid(Parse(3, """ "contents":[{"@type":["Property","Temperature"],"name":"t","schema":"double","unit":"kelvin"}]"""), "typeUndefinedTerm");
    }

    [Theory]
    [InlineData("\"unit\":\"metre\"", "badType")]
    [InlineData("\"schema\":\"string\"", "notRequiredType")]
    [InlineData("", "missingSupplementalObjectProperty")]
    public void A_semantic_type_takes_a_unit_of_its_kind_on_a_number(string members, string validationId)
    {
        var body = $$""" "contents":[{"@type":["Property","Temperature"],"name":"t"{{(members.Contains("schema") ? "" : ",\"schema\":\"double\"")}}{{(members.Contains("unit") || members.Length == 0 ? "" : ",\"unit\":\"kelvin\"")}}{{(members.Length > 0 ? "," + members : "")}}}]""";
        Invalid(Parse(3, body, V3Qt), validationId);
    }

    [Fact]
    public void Historized_applies_to_properties_and_telemetry_only()
    {
        Valid(Parse(3, """ "contents":[{"@type":["Telemetry","Historized"],"name":"t","schema":"double"}]""", V3All));
        Invalid(Parse(3, """ "contents":[{"@type":["Relationship","Historized"],"name":"r"}]""", V3All), "invalidCotype");
    }

    [Fact]
    public void An_override_replaces_a_unit_with_a_property_of_its_unit_type()
    {
        Valid(Parse(3, """ "contents":[{"@type":["Property","Temperature"],"name":"t","schema":"double","unit":"kelvin"},{"@type":["Property","ValueAnnotation","Override"],"name":"tUnit","annotates":"t","overrides":"unit","schema":"TemperatureUnit"}]""", V3All));
        Invalid(Parse(3, """ "contents":[{"@type":["Property","Temperature"],"name":"t","schema":"double","unit":"kelvin"},{"@type":["Property","ValueAnnotation","Override"],"name":"tUnit","annotates":"t","overrides":"unit","schema":"VelocityUnit"}]""", V3All), "siblingPropertyMismatch");
        Invalid(Parse(3, """ "contents":[{"@type":["Property","Override"],"name":"tUnit","overrides":"unit","schema":"TemperatureUnit"}]""", V3All), "missingCocotype");
    }

    [Fact]
    public void An_inherited_annotation_is_checked_in_the_interface_that_inherits_it()
    {
        var base_ = Interface(3, """ "contents":[{"@type":["Property","ValueAnnotation"],"name":"note","annotates":"target","schema":"string"}]""", "dtmi:test:Base;1",
            """["dtmi:dtdl:context;3","dtmi:dtdl:extension:annotation;2"]""");
        Valid(Parse(base_.DeepClone(), Interface(3, """ "extends":"dtmi:test:Base;1","contents":[{"@type":"Property","name":"target","schema":"double"}]""")));
        Invalid(Parse(base_.DeepClone(), Interface(3, """ "extends":"dtmi:test:Base;1","contents":[{"@type":"Command","name":"target"}]""")), "notSiblingRequiredType");
    }
}
