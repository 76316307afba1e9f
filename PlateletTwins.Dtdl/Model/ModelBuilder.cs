using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Metamodel;
using PlateletTwins.Dtdl.Parsing;

namespace PlateletTwins.Dtdl.Model;

/// <summary>Builds the typed object model from validated elements: Interfaces, their contents and schemas.</summary>
internal sealed class ModelBuilder(Func<string, Element?> uploaded)
{
    private const int MaxSchemaNesting = 32;

    public DtdlInterface Build(Element root)
    {
        var nested = new List<DtdlInterface>();
        var model = BuildInterface(root, nested);
        return model with { Nested = nested };
    }

    private DtdlInterface BuildInterface(Element e, List<DtdlInterface> nested)
    {
        var extends = new List<string>();
        foreach (var v in e.All("extends"))
        {
            if (ModelSetId(v) is { } id)
            {
                extends.Add(id);
            }
            if (v is Element inline)
            {
                nested.Add(BuildInterface(inline, nested));
            }
        }
        var contents = new List<DtdlContent>();
        foreach (var v in e.All("contents"))
        {
            var c = v as Element ?? (v is Reference r ? uploaded(r.Dtmi) : null);
            if (c is not null && BuildContent(c, nested) is { } content)
            {
                contents.Add(content);
            }
        }
        return new DtdlInterface(e.Id ?? "", e.Version, extends, contents, Lang(e, "displayName"), Lang(e, "description"), e.Source)
        {
            Comment = e.String("comment"),
        };
    }

    private DtdlContent? BuildContent(Element c, List<DtdlInterface> nested)
    {
        if (c.Name is not { } name || !Enum.TryParse<ContentKind>(c.Class.Name, out var kind))
        {
            return null;
        }
        var content = new DtdlContent(name, kind)
        {
            Id = c.Id,
            Writable = c.All("writable").OfType<bool>().FirstOrDefault(),
            SemanticTypes = [.. c.Cotypes.Where(t => t.UnitType is not null).Select(t => t.Name)],
            Cotypes = [.. c.Cotypes.Select(t => t.Name).Concat(c.UndefinedCotypes)],
            Unit = c.All("unit").OfType<Term>().FirstOrDefault()?.Name,
            DisplayName = Lang(c, "displayName"),
            Description = Lang(c, "description"),
        };
        switch (kind)
        {
            case ContentKind.Property or ContentKind.Telemetry:
                return content with { Schema = Schema(c.All("schema").FirstOrDefault(), 0) };
            case ContentKind.Component:
                var schema = c.All("schema").FirstOrDefault();
                if (schema is Element inline)
                {
                    nested.Add(BuildInterface(inline, nested));
                }
                return content with { ComponentInterface = ModelSetId(schema) };
            case ContentKind.Relationship:
                var properties = new List<DtdlContent>();
                foreach (var p in c.All("properties"))
                {
                    if ((p as Element ?? (p is Reference r ? uploaded(r.Dtmi) : null)) is { } pe && BuildContent(pe, nested) is { } pc)
                    {
                        properties.Add(pc);
                    }
                }
                return content with
                {
                    RelationshipTarget = c.All("target").Select(ModelSetId).FirstOrDefault(),
                    RelationshipProperties = properties,
                    MinMultiplicity = c.All("minMultiplicity").OfType<long>().Select(x => (int?)x).FirstOrDefault(),
                    MaxMultiplicity = c.All("maxMultiplicity").OfType<long>().Select(x => (int?)x).FirstOrDefault(),
                };
            case ContentKind.Command:
                return content with
                {
                    CommandRequest = Payload(c.Children("request").FirstOrDefault()),
                    CommandResponse = Payload(c.Children("response").FirstOrDefault()),
                };
            default:
                return content;
        }
    }

    private CommandPayload? Payload(Element? e) =>
        e?.Name is { } name ? new CommandPayload(name, Schema(e.All("schema").FirstOrDefault(), 0)) : null;

    private DtdlSchema? Schema(object? value, int depth)
    {
        if (depth > MaxSchemaNesting)
        {
            return null;
        }
        switch (value)
        {
            case Term { InstanceClass: "Enum" } unitType:
                // A unit type used as a schema (QuantitativeTypes v1) is a string Enum of its units.
                var units = unitType.Name;
                return new EnumSchema("string", [.. Metamodel.Tables.SemanticTypes.UnitsOf(units).Select(u => new EnumValue(u, u, null))]);
            case Term t:
                return new PrimitiveSchema(t.Name);
            case Reference r:
                return uploaded(r.Dtmi) is { } target ? Schema(target, depth + 1) : null;
            case Element e:
                switch (e.Class.Name)
                {
                    case "Array":
                        return Schema(e.All("elementSchema").FirstOrDefault(), depth + 1) is { } element ? new ArraySchema(element) : null;
                    case "Enum":
                        var valueSchema = e.All("valueSchema").OfType<Term>().FirstOrDefault()?.Name ?? "string";
                        var values = new List<EnumValue>();
                        foreach (var ev in e.Children("enumValues"))
                        {
                            var v = ev.All("enumValue").FirstOrDefault();
                            values.Add(new EnumValue(ev.Name ?? "", v as string, v is long l ? l : null));
                        }
                        return new EnumSchema(valueSchema, values);
                    case "Object":
                        var fields = new List<SchemaField>();
                        foreach (var f in e.Children("fields"))
                        {
                            if (f.Name is { } fieldName && Schema(f.All("schema").FirstOrDefault(), depth + 1) is { } fs)
                            {
                                fields.Add(new SchemaField(fieldName, fs));
                            }
                        }
                        return new ObjectSchema(fields);
                    case "Map":
                        var key = e.Children("mapKey").FirstOrDefault();
                        var mapValue = e.Children("mapValue").FirstOrDefault();
                        return mapValue is not null && Schema(mapValue.All("schema").FirstOrDefault(), depth + 1) is { } vs
                            ? new MapSchema(key?.Name ?? "", mapValue.Name ?? "", vs)
                            : null;
                    default:
                        return null;
                }
            default:
                return null;
        }
    }

    private static string? ModelSetId(object? value) => value switch
    {
        Element el => el.Id,
        Reference r => r.Dtmi,
        _ => null,
    };

    // ADT returns displayName and description as language maps.
    private static JsonObject Lang(Element e, string property)
    {
        var result = new JsonObject();
        if (e.All(property).FirstOrDefault() is LangString lang)
        {
            foreach (var (code, text) in lang)
            {
                result[code] = text;
            }
        }
        return result;
    }
}
