using static PlateletTwins.Tests.Dtdl.DtdlCases;

namespace PlateletTwins.Tests.Dtdl;

/// <summary>@type (material class, co-types, terms and IRIs) and @id (DTMI syntax per version, reserved prefixes, lengths).</summary>
public sealed class TypeAndIdTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_type_may_be_a_full_IRI(int v)
    {
        var model = Interface(v);
        model["@type"] = $"dtmi:dtdl:class:Interface;{v}";
        Valid(Parse(model));
    }

    [Theory]
    [InlineData(2, "dtmi:test:A;1.2", "invalidId")]
    [InlineData(3, "dtmi:test:A;0", "invalidId")]
    [InlineData(3, "dtmi:test:_a;1", "invalidId")]
    [InlineData(3, "dtmi:dtdl:mine;1", "reservedId")]
    [InlineData(3, "dtmi:standard:mine;1", "reservedId")]
    public void Bad_ids_are_refused(int v, string id, string validationId) => Invalid(Parse(Interface(v, id: id)), validationId);

    [Theory]
    [InlineData(3, "dtmi:test:A")]
    [InlineData(3, "dtmi:test:A;1.2")]
    [InlineData(2, "dtmi:test:A;999999999")]
    public void Version_rules_differ(int v, string id) => Valid(Parse(Interface(v, id: id)));

    [Fact]
    public void An_interface_id_over_128_characters_is_refused() =>
        Invalid(Parse(Interface(3, id: "dtmi:test:" + new string('a', 130) + ";1")), "idTooLongForType");

    [Theory]
    [InlineData(3, "[\"Property\",\"Temperature\"]", "typeUndefinedTerm")]
    [InlineData(3, "[\"Property\",\"Telemetry\"]", "multipleMaterialTypes")]
    [InlineData(2, "[\"Property\",\"displayName\"]", "typeIrrelevantDtmiOrTerm")]
    [InlineData(2, "\"Field\"", "badType")]
    public void Bad_types_are_refused(int v, string type, string validationId) =>
        Invalid(Parse(v, $$""" "contents":[{"@type":{{type}},"name":"p","schema":"double","unit":"degreeCelsius"}]"""), validationId);

    [Fact]
    public void An_undefined_cotype_is_taken_in_v2() => Valid(Parse(2, """ "contents":[{"@type":["Property","Flavor"],"name":"p","schema":"double","sweetness":3}]"""));

    [Fact]
    public void A_top_level_element_must_be_an_Interface() =>
        Invalid(Parse((System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse("""{"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:A;1","@type":"Array","elementSchema":"double"}""")!), "typeNotRootable");
}
