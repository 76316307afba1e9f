using static PlateletTwins.Tests.Dtdl.DtdlCases;

namespace PlateletTwins.Tests.Dtdl;

/// <summary>@context: the DTDL context first, extension contexts by version, affiliate contexts in v2 only, no local definitions.</summary>
public sealed class ContextTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void The_DTDL_context_alone_is_valid(int v) => Valid(Parse(v, ""));

    [Fact]
    public void A_missing_context_is_refused() =>
        Invalid(Parse((System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse("""{"@id":"dtmi:test:A;1","@type":"Interface"}""")!), "missingContext");

    [Theory]
    [InlineData(2, """["dtmi:dtdl:context;2",626]""", "invalidContext")]
    [InlineData(3, """["dtmi:dtdl:context;3",{"myType":{"@id":"dtmi:standard:class:"}}]""", "disallowedLocalContext")]
    [InlineData(2, """["dtmi:dtdl:context;2",{"myType":{"@id":"dtmi:standard:class:"}}]""", "disallowedLocalContext")]
    [InlineData(3, """["dtmi:dtdl:context;3","dtmi:undefined:extension;1"]""", "unresolvableContextSpecifier")]
    [InlineData(3, """["dtmi:dtdl:context;3","dtmi:dtdl:extension:historization;7"]""", "unresolvableContextVersion")]
    [InlineData(3, """["dtmi:dtdl:context;3","http://example.com"]""", "nonDtmiContextSpecifier")]
    [InlineData(3, "[]", "emptyContext")]
    [InlineData(3, "\"dtmi:dtdl:context;1\"", "unrecognizedContextVersion")]
    public void Bad_contexts_are_refused(int v, string context, string id) => Invalid(Parse(v, "", context), id);

    [Fact]
    public void An_affiliate_context_is_taken_in_v2() => Valid(Parse(2, "", """["dtmi:dtdl:context;2","dtmi:example:extension;1"]"""));

    [Theory]
    [InlineData("historization;1")]
    [InlineData("quantitativeTypes;1")]
    [InlineData("annotation;2")]
    [InlineData("overriding;1")]
    public void Known_extensions_are_taken_in_v3(string extension) =>
        Valid(Parse(3, "", $"""["dtmi:dtdl:context;3","dtmi:dtdl:extension:{extension}"]"""));

    [Fact]
    public void A_nested_context_may_not_raise_the_version() =>
        Invalid(Parse(2, """ "contents":[{"@context":"dtmi:dtdl:context;3","@type":"Property","name":"p","schema":"double"}]"""), "disallowedVersionDefinition");

    [Fact]
    public void A_v3_interface_may_hold_a_v2_content() =>
        Valid(Parse(3, """ "contents":[{"@context":"dtmi:dtdl:context;2","@type":"Property","name":"p","schema":"double"}]"""));
}
