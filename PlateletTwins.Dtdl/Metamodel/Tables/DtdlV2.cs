using static PlateletTwins.Dtdl.Metamodel.Tables.Rows;

namespace PlateletTwins.Dtdl.Metamodel.Tables;

/// <summary>The metamodel of DTDL v2 (DTDL.v2.md: the class sections, "Semantic types", "Limits").</summary>
internal static class DtdlV2
{
    private const int V = 2;

    public static DtdlMetamodel Build()
    {
        var classes = new List<ClassRow>
        {
            Abstract("Entity", null, Str("comment", 512), Lang("description", 512), Lang("displayName", 64)),
            Abstract("NamedEntity", "Entity", Name(64)),
            new("Interface", "Entity")
            {
                IdRequired = true, Rootable = true, Partition = true,
                Properties =
                [
                    Many("contents", 300, "Command", "Component", "Property", "Relationship", "Telemetry") with { UniqueBy = "name" },
                    Many("extends", 2, "Interface"),
                    Many("schemas", null, "ComplexSchema") with { RequiresId = true },
                ],
            },
            Abstract("Content", "NamedEntity"),
            Concrete("Telemetry", "Content", One("schema", true, "Schema")),
            Concrete("Property", "Content", One("schema", true, "Schema") with { ExcludedClasses = ["Array"] }, Bool("writable")),
            Concrete("Command", "Content",
                One("commandType", false, "CommandType") with { AllowsInline = false },
                One("request", false, "CommandPayload") with { InferredClass = "CommandPayload" },
                One("response", false, "CommandPayload") with { InferredClass = "CommandPayload" }),
            Concrete("CommandPayload", "NamedEntity", One("schema", true, "Schema")),
            Concrete("CommandType", "Entity") with { StandardOnly = true },
            Concrete("Component", "Content", One("schema", true, "Interface")),
            Concrete("Relationship", "Content",
                Int("maxMultiplicity", min: 1, max: 500),
                Int("minMultiplicity", min: 0, max: 0),
                Many("properties", 300, "Property") with { UniqueBy = "name" },
                One("target", false, "Interface") with { AllowsInline = false },
                Bool("writable")),
            Abstract("Schema", "Entity"),
            Abstract("ComplexSchema", "Schema"),
            Abstract("PrimitiveSchema", "Schema"),
            Abstract("NumericSchema", "PrimitiveSchema"),
            Concrete("Geospatial", "Schema") with { StandardOnly = true },
            Concrete("Array", "ComplexSchema", One("elementSchema", true, "Schema")),
            Concrete("Enum", "ComplexSchema",
                Many("enumValues", 100, "EnumValue") with { InferredClass = "EnumValue", UniqueBy = "name", MinCount = 1 },
                One("valueSchema", true, "Integer", "String") with { AllowsInline = false }),
            Concrete("EnumValue", "NamedEntity", new PropertyRow("enumValue", ValueKind.ScalarLiteral) { MinCount = 1 }),
            Concrete("Map", "ComplexSchema",
                One("mapKey", true, "MapKey") with { InferredClass = "MapKey" },
                One("mapValue", true, "MapValue") with { InferredClass = "MapValue" }),
            Concrete("MapKey", "NamedEntity", One("schema", true, "String")),
            Concrete("MapValue", "NamedEntity", One("schema", true, "Schema")),
            Concrete("Object", "ComplexSchema", Many("fields", 30, "Field") with { InferredClass = "Field", UniqueBy = "name", MinCount = 1 }),
            Concrete("Field", "NamedEntity", One("schema", true, "Schema")),
            Abstract("Unit", "Entity"),
            Abstract("SemanticType", null),
        };
        var instances = new List<Term>
        {
            Instance("synchronous", "CommandType", "dtmi:dtdl:instance:CommandType:synchronous;2"),
            Instance("asynchronous", "CommandType", "dtmi:dtdl:instance:CommandType:asynchronous;2"),
        };
        foreach (var (c, i) in Primitives(V, "boolean", "date", "dateTime", "double", "duration", "float", "integer", "long", "string", "time"))
        {
            classes.Add(c);
            instances.Add(i);
        }
        instances.AddRange(Geospatial(V));
        // In v2 the semantic types and units are part of the language, with standard IRIs.
        var (semantic, units) = Quantities(V, ["Property", "Telemetry"], "Unit",
            (kind, name) => $"dtmi:standard:{kind}:{name};2", unitTypesAreSchemas: false);
        classes.AddRange(semantic);
        instances.AddRange(units);
        return new DtdlMetamodel(V, classes, instances, [Extensions.IotCentral()], new Limits { MaxExtendsDepth = 10, MaxSchemaDepth = 5 }, undefinedTermsAllowed: true);
    }
}
