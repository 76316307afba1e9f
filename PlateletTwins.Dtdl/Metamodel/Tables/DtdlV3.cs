using static PlateletTwins.Dtdl.Metamodel.Tables.Rows;

namespace PlateletTwins.Dtdl.Metamodel.Tables;

/// <summary>The metamodel of DTDL v3 (DTDL.v3.md: the class sections, "Limits"; the extensions in Extensions.cs).</summary>
internal static class DtdlV3
{
    private const int V = 3;

    public static DtdlMetamodel Build()
    {
        var classes = new List<ClassRow>
        {
            Abstract("Entity", null, Str("comment", 512), Lang("description", 512), Lang("displayName", 512)),
            Abstract("NamedEntity", "Entity", Name(512)),
            new("Interface", "Entity")
            {
                IdRequired = true, Rootable = true, Partition = true,
                Properties =
                [
                    Many("contents", null, "Command", "Component", "Property", "Relationship", "Telemetry") with { UniqueBy = "name" },
                    Many("extends", null, "Interface"),
                    Many("schemas", null, "ComplexSchema") with { RequiresId = true, AcceptsEarlierVersion = false },
                ],
            },
            Abstract("Content", "NamedEntity"),
            Concrete("Telemetry", "Content", One("schema", true, "Schema")),
            Concrete("Property", "Content", One("schema", true, "Schema"), Bool("writable")),
            Concrete("Command", "Content",
                One("commandType", false, "CommandType") with { AllowsInline = false },
                One("request", false, "CommandRequest") with { InferredClass = "CommandRequest" },
                One("response", false, "CommandResponse") with { InferredClass = "CommandResponse" }),
            Abstract("CommandPayload", "NamedEntity", One("schema", true, "Schema"), Bool("nullable")),
            Concrete("CommandRequest", "CommandPayload"),
            Concrete("CommandResponse", "CommandPayload"),
            Concrete("Component", "Content", One("schema", true, "Interface")),
            Concrete("Relationship", "Content",
                Int("maxMultiplicity", min: 1),
                Int("minMultiplicity", min: 0, max: 0),
                Many("properties", null, "Property") with { UniqueBy = "name" },
                One("target", false, "Interface") with { AllowsInline = false },
                Bool("writable")),
            Abstract("Schema", "Entity"),
            Abstract("ComplexSchema", "Schema"),
            Abstract("PrimitiveSchema", "Schema"),
            Abstract("NumericSchema", "PrimitiveSchema"),
            Concrete("Geospatial", "Schema") with { StandardOnly = true },
            Concrete("Array", "ComplexSchema", One("elementSchema", true, "Schema")),
            Concrete("Enum", "ComplexSchema",
                Many("enumValues", null, "EnumValue") with { InferredClass = "EnumValue", UniqueBy = "name", AcceptsEarlierVersion = false },
                One("valueSchema", true, "Integer", "String") with { AllowsInline = false }),
            Concrete("EnumValue", "NamedEntity", new PropertyRow("enumValue", ValueKind.ScalarLiteral) { MinCount = 1 }),
            Concrete("Map", "ComplexSchema",
                One("mapKey", true, "MapKey") with { InferredClass = "MapKey", AcceptsEarlierVersion = false },
                One("mapValue", true, "MapValue") with { InferredClass = "MapValue", AcceptsEarlierVersion = false }),
            Concrete("MapKey", "NamedEntity", One("schema", true, "String")),
            Concrete("MapValue", "NamedEntity", One("schema", true, "Schema")),
            Concrete("Object", "ComplexSchema", Many("fields", null, "Field") with { InferredClass = "Field", UniqueBy = "name", AcceptsEarlierVersion = false }),
            Concrete("Field", "NamedEntity", One("schema", true, "Schema")),
            Abstract("Unit", "Entity"),
            Concrete("CommandType", "Entity") with { StandardOnly = true },
        };
        // v3 still takes v2's commandType and its two values.
        var instances = new List<Term>
        {
            Instance("synchronous", "CommandType", "dtmi:dtdl:instance:CommandType:synchronous;3"),
            Instance("asynchronous", "CommandType", "dtmi:dtdl:instance:CommandType:asynchronous;3"),
        };
        foreach (var (c, i) in Primitives(V, "boolean", "byte", "bytes", "date", "dateTime", "decimal", "double", "duration", "float", "integer", "long",
                     "short", "string", "time", "unsignedByte", "unsignedInteger", "unsignedLong", "unsignedShort", "uuid"))
        {
            classes.Add(c);
            instances.Add(i);
        }
        instances.AddRange(Geospatial(V));
        instances.Add(Instance("scaledDecimal", "Geospatial", "dtmi:standard:schema:scaledDecimal;3"));
        return new DtdlMetamodel(V, classes, instances, Extensions.ForV3(),
            new Limits { MaxExtendsDepth = 10, MaxSchemaDepth = 5, MaxExtendsTotal = 1024, MaxContentsTotal = 100_000 }, undefinedTermsAllowed: false);
    }
}
