using PlateletTwins.Dtdl;
using static PlateletTwins.Tests.Dtdl.DtdlCases;

namespace PlateletTwins.Tests.Dtdl;

/// <summary>Rules across elements and models: references, extends (closure, cycles, depth, inline bases), names, components, partitions.</summary>
public sealed class ModelSetTests
{
    private static System.Text.Json.Nodes.JsonObject Chain(int i, int version) =>
        Interface(version, i == 0 ? "" : $"\"extends\":\"dtmi:test:I{i - 1};1\"", $"dtmi:test:I{i};1");

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_chain_of_11_interfaces_is_10_levels_and_allowed(int v) =>
        Valid(Parse([.. Enumerable.Range(0, 11).Select(i => Chain(i, v))]));

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_chain_of_12_interfaces_is_too_deep(int v) =>
        Invalid(Parse([.. Enumerable.Range(0, 12).Select(i => Chain(i, v))]), "excessiveDepthNarrow");

    [Fact]
    public void An_extends_cycle_is_refused() =>
        Invalid(Parse(Interface(3, "\"extends\":\"dtmi:test:B;1\"", "dtmi:test:A;1"), Interface(3, "\"extends\":\"dtmi:test:A;1\"", "dtmi:test:B;1")), "recursiveStructureNarrow");

    [Fact]
    public void An_unknown_base_is_unresolved() => Invalid(Parse(3, "\"extends\":\"dtmi:test:Nowhere;1\""), "resolution");

    [Fact]
    public void A_base_may_be_defined_inline_and_is_inherited()
    {
        var result = Parse(3, """ "extends":{"@id":"dtmi:test:Base;1","@type":"Interface","contents":[{"@type":"Property","name":"p","schema":"double"}]}""");
        Valid(result);
        var resolved = ModelResolver.Resolve(result.Interfaces[0], _ => null);
        Assert.Contains("p", resolved.Contents.Keys);
    }

    [Fact]
    public void A_base_accepted_earlier_resolves()
    {
        var base_ = Parse(Interface(3, """ "contents":[{"@type":"Property","name":"p","schema":"double"}]""", "dtmi:test:Base;1")).Interfaces.Single();
        Valid(ModelParser.Parse([Interface(3, "\"extends\":\"dtmi:test:Base;1\"")], id => id == base_.Id ? base_ : null));
        Invalid(ModelParser.Parse([Interface(3, """ "extends":"dtmi:test:Base;1","contents":[{"@type":"Property","name":"p","schema":"double"}]""")], id => id == base_.Id ? base_ : null),
            "nonUniqueImportedPropertyValue");
    }

    [Fact]
    public void V2_takes_at_most_two_bases() =>
        Invalid(Parse(Interface(2, "", "dtmi:test:B1;1"), Interface(2, "", "dtmi:test:B2;1"), Interface(2, "", "dtmi:test:B3;1"),
            Interface(2, """ "extends":["dtmi:test:B1;1","dtmi:test:B2;1","dtmi:test:B3;1"]""")), "objectCountAboveMax");

    [Fact]
    public void Names_are_unique_within_contents() =>
        Invalid(Parse(3, """ "contents":[{"@type":"Property","name":"a","schema":"double"},{"@type":"Telemetry","name":"a","schema":"double"}]"""), "nonUniquePropertyValue");

    [Fact]
    public void A_component_may_not_hold_components() =>
        Invalid(Parse(Interface(3, "", "dtmi:test:Inner;1"),
            Interface(3, """ "contents":[{"@type":"Component","name":"i","schema":"dtmi:test:Inner;1"}]""", "dtmi:test:Mid;1"),
            Interface(3, """ "contents":[{"@type":"Component","name":"m","schema":"dtmi:test:Mid;1"}]""", "dtmi:test:Outer;1")), "excludedType");

    [Fact]
    public void A_schema_of_another_interface_is_out_of_reach() =>
        Invalid(Parse(Interface(3, """ "schemas":[{"@id":"dtmi:test:Arr;1","@type":"Array","elementSchema":"double"}]""", "dtmi:test:Owner;1"),
            Interface(3, """ "contents":[{"@type":"Telemetry","name":"t","schema":"dtmi:test:Arr;1"}]""")), "crossPartitionReference");

    [Fact]
    public void An_identifier_is_defined_once() =>
        Invalid(Parse(Interface(3), Interface(3)), "duplicateDefinition");

    [Fact]
    public void A_relationship_target_need_not_exist()
    {
        var result = Parse(3, """ "contents":[{"@type":"Relationship","name":"r","target":"dtmi:test:Nowhere;1","maxMultiplicity":3,"properties":[{"@type":"Property","name":"w","schema":"double"}]}]""");
        Valid(result);
        var r = result.Interfaces[0].Contents[0];
        Assert.Equal("dtmi:test:Nowhere;1", r.RelationshipTarget);
        Assert.Equal(3, r.MaxMultiplicity);
        Assert.Equal("w", r.RelationshipProperties.Single().Name);
    }
}
