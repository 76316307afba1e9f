using PlateletTwins.Dtdl.Errors;
using PlateletTwins.Dtdl.Metamodel;
using PlateletTwins.Dtdl.Parsing;

namespace PlateletTwins.Dtdl.Validation;

/// <summary>
/// Rules on schemas and on what elements contain: complex schemas nest at most the version's depth and never contain
/// themselves; classes a property excludes appear nowhere below it (an Array under a v2 Property, a Component under a
/// Component); an Enum's values have its datatype and are distinct; a semantic type's element has a numeric schema.
/// </summary>
internal static class SchemaRules
{
    // The properties through which an element holds what belongs to it (the parser's "hierarchy").
    private static readonly string[] HierarchyProperties = ["contents", "fields", "enumValues", "request", "response", "properties", "schema", "elementSchema", "mapValue", "mapKey", "extends"];

    public static void Check(IReadOnlyList<Element> all, ModelSet set, ErrorSink errors)
    {
        foreach (var e in all)
        {
            if (e.Is("ComplexSchema") && e.Parent is { } parent && !parent.Is("ComplexSchema") && !IsSchemaHolderInsideSchema(parent))
            {
                CheckDepth(e, set, errors);
            }
            if (e.Class.Name == "Enum")
            {
                CheckEnum(e, errors);
            }
            foreach (var (property, values) in e.Values)
            {
                var row = e.Scope.Metamodel.Property(e.Class.Name, property);
                if (row is { ExcludedClasses.Count: > 0 })
                {
                    foreach (var v in values)
                    {
                        // A geospatial schema is made of arrays (of coordinates).
                        if (v is Term { InstanceClass: "Geospatial" } geo && row.ExcludedClasses.Contains("Array"))
                        {
                            errors.Add("excludedType", $"{e.Describe} contains Array {geo.Iri}, which is not allowed in '{property}' properties under elements of type {e.Class.Name}.", e.Describe, property, geo.Iri);
                        }
                        else if (Resolve(v, set) is { } child && FindExcluded(child, row.ExcludedClasses, set, []) is { } found)
                        {
                            errors.Add("excludedType", $"{e.Describe} contains {found}, which is not allowed in '{property}' properties under elements of type {e.Class.Name}.", e.Describe, property, found);
                        }
                    }
                }
            }
            if (e.Class.Name == "Component" && e.All("schema").FirstOrDefault() is { } schema && ComponentHasComponents(schema, set))
            {
                errors.Add("excludedType", $"{e.Describe} contains Component, which is not allowed in 'schema' or 'contents' properties under elements of type Component.", e.Describe, "schema", "Component");
            }
            foreach (var cotype in e.Cotypes)
            {
                if (cotype.RequiredSchemas.Count > 0 && e.All("schema").FirstOrDefault() is { } required && !(required is Term rt && cotype.RequiredSchemas.Contains(rt.Name)))
                {
                    errors.Add("notRequiredValue", $"{e.Describe}'s property 'schema' has value {Describe(required)} that is not {string.Join(" or ", cotype.RequiredSchemas)}.", e.Describe, "schema", Describe(required), string.Join(" or ", cotype.RequiredSchemas));
                }
                if (cotype.UnitType is not null && e.All("schema").FirstOrDefault() is { } s && !IsNumeric(s, e))
                {
                    errors.Add("notRequiredType", $"{e.Describe}'s property 'schema' has value {Describe(s)} that does not have @type of NumericSchema.", e.Describe, "schema", Describe(s), "NumericSchema");
                }
            }
        }
    }

    private static bool IsSchemaHolderInsideSchema(Element holder) =>
        holder.Class.Name is "Field" or "MapValue" or "MapKey" or "EnumValue" && holder.Parent?.Is("ComplexSchema") == true;

    private static Element? Resolve(object value, ModelSet set) => value switch
    {
        Element el => el,
        Reference r => set.Uploaded(r.Dtmi),
        _ => null,
    };

    private static string Describe(object value) => value switch
    {
        Term t => t.Iri,
        Reference r => r.Dtmi,
        Element el => el.Id ?? el.Class.Name,
        _ => "",
    };

    private static bool IsNumeric(object schema, Element e) => schema switch
    {
        Term t => t.InstanceClass is { } c && e.Scope.Metamodel.IsA(c, "NumericSchema"),
        _ => false,
    };

    /// <summary>Levels of complex schema below <paramref name="root"/>, and whether it contains itself.</summary>
    private static void CheckDepth(Element root, ModelSet set, ErrorSink errors)
    {
        var max = root.Scope.Metamodel.Limits.MaxSchemaDepth;
        var path = new HashSet<Element>();
        var reported = false;

        void Walk(Element schema, int level)
        {
            if (reported)
            {
                return;
            }
            if (!path.Add(schema))
            {
                errors.Add("recursiveStructureWide", $"{root.Describe} is at the root of a hierarchy that includes itself.", root.Describe);
                reported = true;
                return;
            }
            if (level > max)
            {
                errors.Add("excessiveDepthWide", $"{root.Describe} is at the root of a hierarchy that exceeds {max} levels -- element is at level {level}.", root.Describe);
                reported = true;
                path.Remove(schema);
                return;
            }
            foreach (var next in ChildSchemas(schema, set))
            {
                Walk(next, level + 1);
            }
            path.Remove(schema);
        }

        Walk(root, 1);
    }

    private static IEnumerable<Element> ChildSchemas(Element schema, ModelSet set)
    {
        var holders = schema.Class.Name switch
        {
            "Array" => schema.All("elementSchema"),
            "Map" => schema.Children("mapValue").SelectMany(v => v.All("schema")),
            "Object" => schema.All("fields").Select(f => Resolve(f, set)).OfType<Element>().SelectMany(f => f.All("schema")),
            _ => [],
        };
        foreach (var h in holders)
        {
            if (Resolve(h, set) is { } el && el.Is("ComplexSchema"))
            {
                yield return el;
            }
        }
    }

    private static string? FindExcluded(Element element, IReadOnlyList<string> excluded, ModelSet set, HashSet<Element> seen)
    {
        if (!seen.Add(element))
        {
            return null;
        }
        if (excluded.Contains(element.Class.Name))
        {
            return element.Class.Name;
        }
        foreach (var p in HierarchyProperties)
        {
            foreach (var v in element.All(p))
            {
                if (Resolve(v, set) is { } child && FindExcluded(child, excluded, set, seen) is { } found)
                {
                    return found;
                }
            }
        }
        return null;
    }

    private static bool ComponentHasComponents(object schema, ModelSet set)
    {
        var id = ModelSet.IdOf(schema);
        if (id is null)
        {
            return false;
        }
        var done = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        stack.Push(id);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (!done.Add(current))
            {
                continue;
            }
            if (set.OwnContents(current).Any(c => c.IsComponent))
            {
                return true;
            }
            foreach (var b in set.Bases(current))
            {
                stack.Push(b);
            }
        }
        return false;
    }

    private static void CheckEnum(Element e, ErrorSink errors)
    {
        var valueSchema = e.All("valueSchema").OfType<Term>().FirstOrDefault()?.Name;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in e.Children("enumValues"))
        {
            var value = v.All("enumValue").FirstOrDefault();
            if (value is null)
            {
                continue;
            }
            var ok = valueSchema switch
            {
                "integer" => value is long,
                "string" => value is string,
                _ => true,
            };
            if (!ok)
            {
                errors.Add("nonConformantDatatype", $"{e.Describe} has 'enumValues' value with name '{v.Name}' whose property 'enumValue' has value '{value}'; however, {e.Describe} specifies that the datatype of all descendant 'enumValue' properties must be {valueSchema}.",
                    e.Describe, "enumValue", $"{value}", valueSchema);
                continue;
            }
            if (!seen.Add($"{value}"))
            {
                errors.Add("nonUniquePropertyValue", $"{e.Describe}'s property 'enumValues' contains more than one element whose property 'enumValue' has value '{value}'.", e.Describe, "enumValues", $"{value}");
            }
        }
    }
}
