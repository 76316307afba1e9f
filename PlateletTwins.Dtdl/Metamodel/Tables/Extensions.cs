using static PlateletTwins.Dtdl.Metamodel.Tables.Rows;

namespace PlateletTwins.Dtdl.Metamodel.Tables;

/// <summary>
/// The language extensions DTDL v3 can bring in by context, from their specifications (DTDL/v3/DTDL.*.v1.md and v2
/// where there is one): QuantitativeTypes, Historization, Annotation, Overriding, Requirement, MQTT.
/// </summary>
internal static class Extensions
{
    /// <summary>
    /// IoT Central's context for DTDL v2 (dtmi:iotcentral:context;2): the vector and geopoint schemas and the semantic
    /// types that require them, and the State and Event co-types.
    /// </summary>
    public static ExtensionRow IotCentral() => new("dtmi:iotcentral:context;2")
    {
        Classes =
        [
            new ClassRow("AccelerationVector", null)
            {
                Supplemental = true, AppliesTo = ["Telemetry", "Property"], RequiredSchemas = ["vector"], Iri = "dtmi:iotcentral:class:AccelerationVector;2",
                Properties = [new PropertyRow("unit", ValueKind.Element) { Classes = ["AccelerationUnit"], AllowsInline = false }],
            },
            new ClassRow("VelocityVector", null)
            {
                Supplemental = true, AppliesTo = ["Telemetry", "Property"], RequiredSchemas = ["vector"], Iri = "dtmi:iotcentral:class:VelocityVector;2",
                Properties = [new PropertyRow("unit", ValueKind.Element) { Classes = ["VelocityUnit"], AllowsInline = false }],
            },
            new ClassRow("Location", null)
            {
                Supplemental = true, AppliesTo = ["Telemetry", "Property"], Iri = "dtmi:iotcentral:class:Location;2",
                RequiredSchemas = ["point", "multiPoint", "lineString", "multiLineString", "polygon", "multiPolygon", "geopoint"],
            },
            new ClassRow("CentralSchema", "Schema") { StandardOnly = true, Iri = "dtmi:iotcentral:class:CentralSchema;2" },
            new ClassRow("State", null) { Supplemental = true, AppliesTo = ["Telemetry", "Property"], Iri = "dtmi:iotcentral:class:State;2" },
            new ClassRow("Event", null) { Supplemental = true, AppliesTo = ["Telemetry"], Iri = "dtmi:iotcentral:class:Event;2" },
        ],
        Instances =
        [
            Instance("vector", "CentralSchema", "dtmi:iotcentral:schema:vector;2"),
            Instance("geopoint", "CentralSchema", "dtmi:iotcentral:schema:geopoint;2"),
        ],
    };

    public static IReadOnlyList<ExtensionRow> ForV3()
    {
        var list = new List<ExtensionRow>();
        var (semantic, units) = Quantities(3, ["CommandRequest", "CommandResponse", "Field", "MapValue", "Property", "Telemetry"], "Unit",
            (kind, name) => $"dtmi:dtdl:extension:quantitativeTypes:v1:{kind}:{name}", unitTypesAreSchemas: true);
        // QuantitativeTypes v1 also names PowerUnit EnergyRateUnit, after the semantic type that uses it.
        units.Add(Instance("EnergyRateUnit", "Enum", "dtmi:dtdl:extension:quantitativeTypes:v1:enum:EnergyRateUnit"));
        list.Add(new ExtensionRow("dtmi:dtdl:extension:quantitativeTypes;1") { Classes = semantic, Instances = units });
        foreach (var v in new[] { 1, 2 })
        {
            list.Add(new ExtensionRow($"dtmi:dtdl:extension:historization;{v}")
            {
                Classes = [new ClassRow("Historized", null) { Supplemental = true, AppliesTo = ["Property", "Telemetry"] }],
            });
            list.Add(new ExtensionRow($"dtmi:dtdl:extension:annotation;{v}")
            {
                Classes =
                [
                    new ClassRow("ValueAnnotation", null)
                    {
                        Supplemental = true, AppliesTo = ["Property", "Telemetry"],
                        Properties = [Str("annotates") with { MinCount = 1, Pattern = StringPattern.Name }],
                    },
                ],
            });
            list.Add(new ExtensionRow($"dtmi:dtdl:extension:overriding;{v}")
            {
                Classes =
                [
                    new ClassRow("Override", null)
                    {
                        Supplemental = true, AppliesTo = ["Property"], RequiresCotype = ["ValueAnnotation"],
                        Properties = [Str("overrides") with { MinCount = 1 }],
                    },
                ],
            });
        }
        list.Add(new ExtensionRow("dtmi:dtdl:extension:requirement;1")
        {
            Classes = [new ClassRow("Required", null) { Supplemental = true, AppliesTo = ["Field"] }],
        });
        foreach (var v in new[] { 1, 2 })
        {
            list.Add(new ExtensionRow($"dtmi:dtdl:extension:mqtt;{v}")
            {
                Classes =
                [
                    new ClassRow("Mqtt", null)
                    {
                        Supplemental = true, AppliesTo = ["Interface"],
                        Properties =
                        [
                            Str("commandTopic"), Str("telemetryTopic"), Str("payloadFormat"), Bool("telemetryServiceGroupId") with { Kind = ValueKind.StringLiteral },
                            Str("commandServiceGroupId"), Int("cmdServiceGroupId"),
                        ],
                    },
                    new ClassRow("Indexed", null) { Supplemental = true, AppliesTo = ["Field", "EnumValue", "CommandRequest", "CommandResponse"], Properties = [Int("index", min: 1)] },
                    new ClassRow("Cacheable", null) { Supplemental = true, AppliesTo = ["Command"], Properties = [Str("ttl")] },
                    new ClassRow("Idempotent", null) { Supplemental = true, AppliesTo = ["Command"] },
                    new ClassRow("Transparent", null) { Supplemental = true, AppliesTo = ["CommandRequest", "CommandResponse"] },
                ],
            });
        }
        return list;
    }
}
