using static PlateletTwins.Tests.Dtdl.DtdlCases;

namespace PlateletTwins.Tests.Dtdl;

/// <summary>Values: single values where JSON-LD allows one, value objects, literal kinds, lengths, patterns, ranges, language strings.</summary>
public sealed class ValueTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_single_object_stands_for_an_array(int v) => Valid(Parse(v, """ "contents":{"@type":"Telemetry","name":"t","schema":"double"}"""));

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_name_may_be_a_value_object(int v) => Valid(Parse(v, """ "contents":[{"@type":"Telemetry","name":{"@value":"t"},"schema":"double"}]"""));

    [Theory]
    [InlineData(2, "\"name\":true", "dtmiSegPropertyNotStringOrNumber")]
    [InlineData(3, "\"@id\":\"dtmi:test:p;1\",\"name\":true", "stringNotString")]
    [InlineData(3, "\"name\":\"9lives\"", "stringInvalid")]
    [InlineData(2, "\"name\":\"p\",\"writable\":\"yes\"", "booleanNotBoolean")]
    [InlineData(3, "\"name\":\"p\",\"writable\":{\"value\":true}", "valueObjectInvalidProp")]
    [InlineData(3, "\"name\":\"p\",\"comment\":{\"@type\":\"xsd:string\"}", "stringObjectNoValue")]
    public void Bad_literals_are_refused(int v, string members, string validationId) =>
        Invalid(Parse(v, $$""" "contents":[{"@type":"Property","schema":"double",{{members}}}]"""), validationId);

    [Fact]
    public void Names_are_limited_to_64_characters_in_v2_and_512_in_v3()
    {
        var name = new string('a', 65);
        Invalid(Parse(2, $$""" "contents":[{"@type":"Property","name":"{{name}}","schema":"double"}]"""), "stringTooLong");
        Valid(Parse(3, $$""" "contents":[{"@type":"Property","name":"{{name}}","schema":"double"}]"""));
    }

    [Theory]
    [InlineData(3, "\"displayName\":{\"en\":\"A\",\"de-DE\":\"A\"}")]
    [InlineData(3, "\"description\":[{\"@value\":\"x\",\"@language\":\"de\"},\"y\"]")]
    [InlineData(2, "\"displayName\":\"short\"")]
    public void Language_strings_take_every_JSON_LD_form(int v, string members) => Valid(Parse(v, members));

    [Theory]
    [InlineData(3, "\"displayName\":null", "langStringElementNotStringOrObject")]
    [InlineData(3, "\"displayName\":{\"@value\":\"x\",\"@language\":\"en\"}", "langTagValueInLangMap")]
    [InlineData(3, "\"displayName\":{\"EN\":\"x\"}", "langStringInvalidCode")]
    [InlineData(3, "\"displayName\":[{\"@language\":\"en\"}]", "langStringElementNoValue")]
    public void Bad_language_strings_are_refused(int v, string members, string validationId) => Invalid(Parse(v, members), validationId);

    [Fact]
    public void A_v2_displayName_over_64_characters_is_refused() => Invalid(Parse(2, $$""" "displayName":"{{new string('x', 65)}}" """), "langStringValueTooLong");

    [Theory]
    [InlineData(2, "\"maxMultiplicity\":0", "valueBelowRange")]
    [InlineData(2, "\"maxMultiplicity\":501", "valueAboveRange")]
    [InlineData(3, "\"maxMultiplicity\":0", "valueBelowMin")]
    [InlineData(3, "\"maxMultiplicity\":3.0", "integerNotInteger")]
    [InlineData(3, "\"maxMultiplicity\":1e2", "integerNotInteger")]
    [InlineData(3, "\"minMultiplicity\":1", "valueNotExact")]
    public void Integer_limits_are_kept(int v, string members, string validationId) =>
        Invalid(Parse(v, $$""" "contents":[{"@type":"Relationship","name":"r",{{members}}}]"""), validationId);

    [Fact]
    public void Undefined_properties_are_refused_in_v3_and_in_v2_without_an_undefined_cotype()
    {
        Invalid(Parse(3, """ "contents":[{"@type":"Telemetry","name":"t","schema":"double","foo":1}]"""), "propertyUndefinedTerm");
        Invalid(Parse(2, """ "contents":[{"@type":"Telemetry","name":"t","schema":"double","foo":1}]"""), "noTypeThatAllows");
        Invalid(Parse(3, """ "contents":[{"@type":"Telemetry","name":"t","schema":"double","writable":true}]"""), "propertyIrrelevantDtmiOrTerm");
    }

    [Fact]
    public void Required_properties_must_be_there() =>
        Invalid(Parse(3, """ "contents":[{"@type":"Telemetry","name":"t"}]"""), "missingObjectProperty");

    [Fact]
    public void No_input_throws()
    {
        string[] hostile =
        [
            """{"@context":["dtmi:dtdl:context;2",{"myType":{"@id":"dtmi:standard:class:"}}],"@id":"dtmi:a:b;1","@type":"Interface"}""",
            """{"@context":[1,2,3],"@id":"dtmi:a:b;1","@type":"Interface"}""",
            """{"@context":"dtmi:dtdl:context;3","@id":7,"@type":[1,{}],"contents":[null,1,"x",[[]]]}""",
            """[1,"a",null,{"@context":"dtmi:dtdl:context;3"}]""",
        ];
        foreach (var h in hostile)
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(h)!;
            var documents = node is System.Text.Json.Nodes.JsonArray a ? a.ToArray() : [node];
            var result = PlateletTwins.Dtdl.ModelParser.Parse(documents, _ => null);
            Assert.False(result.IsValid);
            Assert.DoesNotContain(result.Errors, e => e.ValidationId == "internal");
        }
    }
}
