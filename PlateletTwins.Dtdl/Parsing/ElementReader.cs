using System.Text.Json;
using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Errors;
using PlateletTwins.Dtdl.Json;
using PlateletTwins.Dtdl.JsonLd;
using PlateletTwins.Dtdl.Metamodel;

namespace PlateletTwins.Dtdl.Parsing;

/// <summary>
/// Reads JSON-LD documents into <see cref="Element"/>s by the rows of the version's metamodel: the element's
/// <c>@context</c>, <c>@type</c> (material class and co-types), <c>@id</c>, then each member as the row of its property
/// says. Nothing here knows a particular class; the rules that span elements are in Validation/.
/// </summary>
internal sealed class ElementReader(ErrorSink errors)
{
    /// <summary>Nesting beyond this is refused before the stack is at risk (no DTDL model comes near it).</summary>
    private const int MaxNesting = 64;

    public List<Element> Roots { get; } = [];

    public List<Element> All { get; } = [];

    /// <summary>Reads one top-level document of an upload.</summary>
    public void ReadDocument(JsonNode? node)
    {
        if (node is not JsonObject obj)
        {
            errors.Add("notJsonObject", "Top-level JSON element is neither a JSON object nor a JSON array of JSON objects.");
            return;
        }
        if (ContextReader.ReadTop(obj, errors) is not { } scope)
        {
            return;
        }
        foreach (var (key, _) in obj)
        {
            if (key == "@graph")
            {
                errors.Add("topLevelGraphDisallowed", "Top-level JSON object contains '@graph' property, which is not allowed.");
                return;
            }
        }
        if (!obj.ContainsKey("@id"))
        {
            errors.Add("missingTopLevelId", "Top-level element has no '@id' property.");
            return;
        }
        if (ReadObject(obj, scope, via: null, parent: null, depth: 0) is { } root)
        {
            Roots.Add(root);
        }
    }

    private Element? ReadObject(JsonObject obj, ContextScope scope, PropertyRow? via, Element? parent, int depth)
    {
        var top = parent is null;
        // Messages name the element as the parser does; built only when there is an error to report.
        string Where() => top ? "Top-level element" : $"{parent!.Describe} has '{via!.Name}' value";
        if (depth > MaxNesting)
        {
            errors.Add("excessiveDepthWide", $"{Where()} nests elements more than {MaxNesting} levels deep.");
            return null;
        }
        if (!top && obj.TryGetPropertyValue("@context", out var nested))
        {
            if (ContextReader.ReadNested(nested, scope, errors, parent!.Describe, via!.Name, via.AcceptsEarlierVersion) is not { } inner)
            {
                return null;
            }
            scope = inner;
        }
        var metamodel = scope.Metamodel;

        // A member of a collection keyed by name (contents, fields, …) without an @id takes its identifier from its name.
        if (via?.UniqueBy == "name" && !obj.ContainsKey("@id"))
        {
            var nameNode = NameMember(obj, scope, out var hasName);
            if (!hasName)
            {
                errors.Add("missingDtmiSegPropertyValue", $"{parent!.Describe}'s property '{via.Name}' requires property 'name' to be specified but it is not.", parent.Describe, via.Name);
                return null;
            }
            if (!IsStringOrNumber(nameNode))
            {
                errors.Add("dtmiSegPropertyNotStringOrNumber", $"{parent!.Describe}'s property '{via.Name}' has property 'name' whose value is not a string or number.", parent.Describe, via.Name);
                return null;
            }
        }

        // @id
        string? id = null;
        if (obj.TryGetPropertyValue("@id", out var idNode))
        {
            id = idNode.StringOrNull();
            if (string.IsNullOrEmpty(id))
            {
                errors.Add("idNotString", "'@id' property has a value that is empty or not a string.");
                return null;
            }
            // Fragments (dtmi:…;1#part) name elements within a model in v3; v2 has none.
            if (!DtmiSyntax.IsValid(id, scope.Version, allowFragment: !top && scope.Version >= 3))
            {
                errors.Add("invalidId", $"Identifier '{id}' is invalid for DTDL version {scope.Version}.", id, "@id", id, $"a DTMI of DTDL v{scope.Version}");
                return null;
            }
            if (id.Length > metamodel.Limits.MaxIdLength)
            {
                errors.Add("idTooLong", $"Identifier '{id}' is too long -- length limit is {metamodel.Limits.MaxIdLength} characters for DTDL version {scope.Version}.", id, "@id");
                return null;
            }
            if (DtmiSyntax.IsReserved(id) || scope.Extensions.Contains("dtmi:iotcentral:context;2") && id.StartsWith("dtmi:iotcentral:", StringComparison.Ordinal))
            {
                errors.Add("reservedId", $"Identifier '{id}' begins with a reserved prefix.", id, "@id", id);
                return null;
            }
        }

        // @type
        var material = (ClassRow?)null;
        var cotypes = new List<ClassRow>();
        var undefinedCotypes = new List<string>();
        var typed = obj.TryGetPropertyValue("@type", out var typeNode);
        string TypeWhere() => top ? (id ?? "Top-level element") : Where() + (obj["name"].StringOrNull() is { } n0 ? $" with name '{n0}'" : "") + " which";
        if (typed)
        {
            var terms = new List<string>();
            if (typeNode.StringOrNull() is { } single)
            {
                terms.Add(single);
            }
            else if (typeNode is JsonArray typeArray && typeArray.All(t => t.StringOrNull() is not null))
            {
                terms.AddRange(typeArray.Select(t => t.StringOrNull()!));
            }
            else
            {
                errors.Add("badType", $"{TypeWhere()} has @type that is not a JSON string or array of strings.", id, "@type");
                return null;
            }
            foreach (var t in terms)
            {
                var term = scope.Resolve(t);
                if (term is null && LaterVersionCotype(scope, t) is { } later)
                {
                    errors.Add("invalidCotypeVersion", $"{TypeWhere()} has @type with value {t} that can only be applied to elements defined in DTDL version {later} or later.", id, "@type", t);
                    return null;
                }
                if (term is null)
                {
                    if (t.StartsWith("dtmi:", StringComparison.Ordinal) && !DtmiSyntax.IsValid(t, 3, allowFragment: true))
                    {
                        errors.Add("typeInvalidDtmi", $"{TypeWhere()} has @type that specifies type {t} that is an invaild DTMI.", id, "@type", t);
                        return null;
                    }
                    if (scope.HasAffiliate || metamodel.UndefinedTermsAllowed && !t.Contains(':', StringComparison.Ordinal))
                    {
                        undefinedCotypes.Add(t);
                        continue;
                    }
                    if (t.StartsWith("dtmi:", StringComparison.Ordinal))
                    {
                        // A DTMI no context defines may be anything: only an affiliate context could make it a type.
                        errors.Add("typeIrrelevantDtmiOrTerm", $"{TypeWhere()} has @type that specifies type {t} that is not a DTDL v{scope.Version} material type or supplemental type.", id, "@type", t);
                        return null;
                    }
                    if (t.Contains(':', StringComparison.Ordinal))
                    {
                        if (metamodel.UndefinedTermsAllowed)
                        {
                            undefinedCotypes.Add(t);
                            continue;
                        }
                        errors.Add("typeNotDtmiNorTerm", $"{TypeWhere()} has @type that specifies type {t} that is an IRI but not a DTMI.", id, "@type", t);
                        return null;
                    }
                    errors.Add("typeUndefinedTerm", $"{TypeWhere()} has @type that specifies type {t} that is an undefined term in DTDL v{scope.Version}.", id, "@type", t);
                    return null;
                }
                if (term.Kind != TermKind.Class || metamodel.Class(term.Name) is not { } row)
                {
                    if (scope.HasAffiliate)
                    {
                        continue;
                    }
                    errors.Add("typeIrrelevantDtmiOrTerm", $"{TypeWhere()} has @type that specifies type {t} that is not a DTDL v{scope.Version} material type or supplemental type.", id, "@type", t);
                    return null;
                }
                if (row.Supplemental)
                {
                    if (!cotypes.Contains(row))
                    {
                        cotypes.Add(row);
                    }
                }
                else if (row.Abstract || row.Name == "Unit" || row.Parent == "Unit")
                {
                    errors.Add(row.Name == "SemanticType" ? "abstractSupplementalType" : "badType",
                        $"{TypeWhere()} has @type that specifies type {t}, which is abstract.", id, "@type", t);
                    return null;
                }
                else if (material is not null && material.Name != row.Name)
                {
                    errors.Add("multipleMaterialTypes", $"{TypeWhere()} has @type that specifies multiple material types: {material.Name} and {row.Name}.", id, "@type");
                    return null;
                }
                else
                {
                    material = row;
                }
            }
        }
        if (material is null && !typed && via?.InferredClass is { } inferred)
        {
            material = metamodel.Class(inferred);
        }
        if (material is null)
        {
            errors.Add("badType", top ? $"Top-level JSON element {id} does not have @type of 'Interface'." : $"{TypeWhere()} has no @type of {Allowed(via!.Classes)}.", id, "@type",
                allowed: top ? "Interface" : Allowed(via!.Classes));
            return null;
        }
        if (top ? !material.Rootable : !metamodel.IsAny(material.Name, via!.Classes) || material.StandardOnly)
        {
            if (top)
            {
                errors.Add("typeNotRootable", $"Top-level JSON element {id} does not have @type of 'Interface'.", id, "@type", material.Name, "Interface");
            }
            else
            {
                errors.Add("badType", $"{parent!.Describe}'s property '{via!.Name}' has value {id ?? ""} that does not have @type of {Allowed(via.Classes)}.", parent.Describe, via.Name, material.Name, Allowed(via.Classes));
            }
            return null;
        }
        if (id is not null && material.Name == "Interface" && id.Length > metamodel.Limits.MaxInterfaceIdLength)
        {
            errors.Add("idTooLongForType", $"Identifier '{id}' is too long for an element with @type Interface -- length limit for this type is {metamodel.Limits.MaxInterfaceIdLength} characters.", id, "@id");
            return null;
        }
        if (id is null && (material.IdRequired || via?.RequiresId == true))
        {
            errors.Add("missingRequiredId", $"{parent?.Describe}'s property '{via?.Name}' element has no '@id' property.", parent?.Describe, via?.Name);
            return null;
        }

        var element = new Element(material, scope, obj)
        {
            Id = id,
            Parent = parent,
            ParentProperty = via?.Name,
        };
        element.Cotypes.AddRange(cotypes);
        element.UndefinedCotypes.AddRange(undefinedCotypes);
        element.Partition = material.Partition ? element : parent?.Partition;
        var nameForDescribe = obj["name"] switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
            _ => null,
        };
        element.NameText = nameForDescribe;
        if (!CheckCotypes(element, TypeWhere))
        {
            return null;
        }
        All.Add(element);

        var ok = true;
        var inferredOnly = !typed;
        foreach (var (key, value) in obj)
        {
            if (key.StartsWith('@'))
            {
                // DTDL v2 ignores JSON-LD keywords it does not use, except @graph; v3 refuses them.
                if (key is "@context" or "@id" or "@type" || element.Version < 3 && key != "@graph")
                {
                    continue;
                }
                if (top)
                {
                    errors.Add("topLevelKeywordDisallowed", $"Top-level JSON object contains '{key}' property, which is not allowed.", id, key);
                }
                else
                {
                    errors.Add(key == "@graph" ? "graphDisallowed" : "keywordDisallowed",
                        $"{parent!.Describe}'s property '{via!.Name}' has value that contains '{key}' property, which is not allowed.", parent.Describe, via.Name, key);
                }
                ok = false;
                continue;
            }
            var row = FindRow(element, key, out var term);
            if (row is null)
            {
                ok &= Irrelevant(element, key, term, inferredOnly);
                continue;
            }
            if (element.Values.ContainsKey(row.Name))
            {
                errors.Add("duplicatePropertyName", $"{element.Describe}'s property '{row.Name}' has multiple definitions.", element.Describe, row.Name);
                ok = false;
                continue;
            }
            var values = ReadValues(element, row, value, depth);
            if (values is null)
            {
                ok = false;
                continue;
            }
            element.Values[row.Name] = values;
        }
        ok &= CheckRequired(element);
        return ok ? element : null;
    }

    /// <summary>A co-type of an extension of a later DTDL version, whose context a v2 model names as an affiliate.</summary>
    private static int? LaterVersionCotype(ContextScope scope, string term)
    {
        if (scope.Version >= 3 || scope.Affiliates.Count == 0)
        {
            return null;
        }
        var later = ContextReader.MetamodelFor(3);
        foreach (var context in scope.Affiliates)
        {
            if (later.Extension(context) is not null && later.ExtensionTerm(context, term) is { Kind: TermKind.Class })
            {
                return 3;
            }
        }
        return null;
    }

    private static JsonNode? NameMember(JsonObject obj, ContextScope scope, out bool found)
    {
        foreach (var (key, value) in obj)
        {
            if (key == "name" || key.StartsWith("dtmi:", StringComparison.Ordinal) && scope.Resolve(key) is { Kind: TermKind.Property, Name: "name" })
            {
                found = true;
                return value;
            }
        }
        found = false;
        return null;
    }

    // A name that can make an identifier: a string or number, alone, in a one-element array, or in a value object.
    private static bool IsStringOrNumber(JsonNode? node) => node switch
    {
        JsonValue v => v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number,
        JsonArray { Count: 1 } a => IsStringOrNumber(a[0]),
        JsonObject o => o.TryGetPropertyValue("@value", out var inner) && inner is JsonValue,
        _ => false,
    };

    private bool CheckCotypes(Element element, Func<string> where)
    {
        var metamodel = element.Scope.Metamodel;
        foreach (var cotype in element.Cotypes)
        {
            if (!metamodel.IsAny(element.Class.Name, cotype.AppliesTo))
            {
                errors.Add("invalidCotype", $"{where()} has @type with value {cotype.Name} that can only be applied to elements of @type {string.Join(" or ", cotype.AppliesTo)}.",
                    element.Id, "@type", cotype.Name, string.Join(" or ", cotype.AppliesTo));
                return false;
            }
            foreach (var required in cotype.RequiresCotype)
            {
                if (!element.HasCotype(required))
                {
                    errors.Add("missingCocotype", $"{where()} has @type with value {cotype.Name} that can only be co-typed on elements that are also co-typed with {required}.", element.Id, "@type", cotype.Name, required);
                    return false;
                }
            }
        }
        for (var i = 0; i < element.Cotypes.Count; i++)
        {
            for (var j = i + 1; j < element.Cotypes.Count; j++)
            {
                var shared = element.Cotypes[i].Properties.Select(p => p.Name).Intersect(element.Cotypes[j].Properties.Select(p => p.Name)).FirstOrDefault();
                if (shared is not null)
                {
                    errors.Add("conflictingSupplementalTypes", $"{element.Describe} has supplemental types '{element.Cotypes[i].Name}' and '{element.Cotypes[j].Name}' that both add property '{shared}' to element.", element.Describe, shared);
                    return false;
                }
            }
        }
        return true;
    }

    /// <summary>The row of the property <paramref name="key"/> names, from the element's class or co-types.</summary>
    private static PropertyRow? FindRow(Element element, string key, out Term? term)
    {
        term = element.Scope.Resolve(key);
        if (term is null || term.Kind != TermKind.Property)
        {
            return null;
        }
        if (element.Scope.Metamodel.Property(element.Class.Name, term.Name) is { } row)
        {
            return row;
        }
        foreach (var cotype in element.Cotypes)
        {
            foreach (var p in cotype.Properties)
            {
                if (p.Name == term.Name)
                {
                    return p;
                }
            }
        }
        return null;
    }

    /// <summary>
    /// A member no row of the element's types defines: DTDL v2 ignores undefined and irrelevant terms, as does v3 when an
    /// affiliate context may define them; an element whose type is only inferred allows nothing beyond its class.
    /// </summary>
    private bool Irrelevant(Element element, string key, Term? term, bool inferredOnly)
    {
        // An undefined co-type (which DTDL v2 takes) may be what defines the property.
        if (element.UndefinedCotypes.Count > 0)
        {
            return true;
        }
        if (inferredOnly)
        {
            errors.Add("inferredTypeDoesNotAllow", $"{element.Describe} has inferred type {element.Class.Name}, which does not allow property '{key}'.", element.Describe, key);
            return false;
        }
        if (element.Version < 3)
        {
            errors.Add("noTypeThatAllows", $"{element.Describe} does not have a @type that allows property '{key}'.", element.Describe, key);
            return false;
        }
        var isIri = key.Contains(':', StringComparison.Ordinal);
        if (isIri && key.StartsWith("dtmi:", StringComparison.Ordinal) && !DtmiSyntax.IsValid(key, 3, allowFragment: true))
        {
            errors.Add("propertyInvalidDtmi", $"{element.Describe}'s property '{key}' is an invalid DTMI.", element.Describe, key);
        }
        else if (isIri && !key.StartsWith("dtmi:", StringComparison.Ordinal))
        {
            errors.Add("propertyNotDtmiNorTerm", $"{element.Describe}'s property '{key}' is an IRI that is not a DTMI.", element.Describe, key);
        }
        else if (term is null)
        {
            errors.Add("propertyUndefinedTerm", $"{element.Describe}'s property '{key}' is an undefined term in DTDL v{element.Version}.", element.Describe, key);
        }
        else
        {
            errors.Add("propertyIrrelevantDtmiOrTerm", $"{element.Describe}'s property '{key}' is not a relevant property for any specified @type on the element.", element.Describe, key);
        }
        return false;
    }

    private List<object>? ReadValues(Element element, PropertyRow row, JsonNode? node, int depth)
    {
        var before = errors.Count;
        switch (row.Kind)
        {
            case ValueKind.LangString:
                return LangStringReader.Read(row, node, element.Describe, element.Version, errors) is { } lang ? [lang] : null;
            case ValueKind.Element:
                var elements = ReadElementValues(element, row, node, depth);
                return errors.Count == before ? elements : null;
            default:
                var literals = LiteralReader.Read(row, node, element.Describe, element.Version, errors);
                return errors.Count == before ? literals : null;
        }
    }

    private List<object> ReadElementValues(Element owner, PropertyRow row, JsonNode? node, int depth)
    {
        var values = new List<object>();
        var items = node is JsonArray array ? array.ToList() : [node];
        if (row.MaxCount == 1 && items.Count > 1)
        {
            errors.Add(row.AllowsInline ? "objectMultipleValues" : "identifierMultipleValues", $"{owner.Describe}'s property '{row.Name}' has multiple values but only one value is allowed.", owner.Describe, row.Name);
            return values;
        }
        if (row.MaxCount is { } max && items.Count > max)
        {
            errors.Add("objectCountAboveMax", $"{owner.Describe}'s property '{row.Name}' has {items.Count} values but no more than {max} values are allowed.", owner.Describe, row.Name, $"{items.Count}", $"at most {max}");
            return values;
        }
        var metamodel = owner.Scope.Metamodel;
        foreach (var item in items)
        {
            switch (item)
            {
                case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                    var s = v.GetValue<string>();
                    var term = owner.Scope.Resolve(s);
                    if (term is { Kind: TermKind.Instance })
                    {
                        if (!metamodel.IsAny(term.InstanceClass!, row.Classes))
                        {
                            errors.Add("badType", $"{owner.Describe}'s property '{row.Name}' has value {term.Iri} that is not a standard value for this property.", owner.Describe, row.Name, s, Allowed(row.Classes));
                            continue;
                        }
                        values.Add(term);
                        continue;
                    }
                    if (term is not null || !s.StartsWith("dtmi:", StringComparison.Ordinal) || !DtmiSyntax.IsValid(s, owner.Version, allowFragment: true))
                    {
                        if (!row.AllowsInline)
                        {
                            errors.Add(term is null && !s.StartsWith("dtmi:", StringComparison.Ordinal) && row.Name == "target" ? "identifierNotDtmi" : "badDtmiOrTerm",
                                $"{owner.Describe}'s property '{row.Name}' has value '{s}' that is neither a valid DTMI reference nor a DTDL v{owner.Version} term.", owner.Describe, row.Name, s);
                        }
                        else
                        {
                            errors.Add("badDtmiOrTerm", $"{owner.Describe}'s property '{row.Name}' has value '{s}' that is neither a valid DTMI reference nor a DTDL v{owner.Version} term.", owner.Describe, row.Name, s);
                        }
                        continue;
                    }
                    if (DtmiSyntax.IsReserved(s))
                    {
                        errors.Add("undefinedReservedId", $"{owner.Describe}'s property '{row.Name}' has value {s} that has no known definition despite having a reserved prefix.", owner.Describe, row.Name, s);
                        continue;
                    }
                    values.Add(new Reference(s));
                    continue;
                case JsonObject obj:
                    if (!row.AllowsInline)
                    {
                        errors.Add("refObjectNotAllowed", $"{owner.Describe}'s property '{row.Name}' has value that is a JSON object, but value must be a JSON string representing a valid DTMI reference or DTDL term.", owner.Describe, row.Name);
                        continue;
                    }
                    if (obj.Count == 1 && obj.ContainsKey("@id"))
                    {
                        errors.Add("idReference", $"{owner.Describe}'s property '{row.Name}' has an inline definition containing nothing but an '@id' property.", owner.Describe, row.Name);
                        continue;
                    }
                    if (ReadObject(obj, owner.Scope, row, owner, depth + 1) is { } child)
                    {
                        values.Add(child);
                    }
                    continue;
                default:
                    errors.Add(row.AllowsInline ? "refNotStringOrObject" : "identifierNotString",
                        $"{owner.Describe}'s property '{row.Name}' has value that is neither a JSON object nor a JSON string representing a valid DTMI reference or DTDL term.", owner.Describe, row.Name, item?.ToJsonString() ?? "null");
                    continue;
            }
        }
        if (row.UniqueBy is { } key)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var child in values.OfType<Element>())
            {
                if (child.String(key) is { } k && !seen.Add(k))
                {
                    errors.Add("nonUniquePropertyValue", $"{owner.Describe}'s property '{row.Name}' contains more than one element whose property '{key}' has value '{k}'.", owner.Describe, row.Name, k);
                }
            }
        }
        return values;
    }

    /// <summary>Every required property of the class and the co-types has a value.</summary>
    private bool CheckRequired(Element element)
    {
        var ok = true;
        foreach (var row in element.Scope.Metamodel.Properties(element.Class.Name).Concat(element.Cotypes.SelectMany(c => c.Properties)))
        {
            if (row.MinCount == 0 || element.Values.TryGetValue(row.Name, out var v) && v.Count >= row.MinCount)
            {
                continue;
            }
            var present = HasMember(element, row.Name);
            if (present)
            {
                // The member was there but gave no valid value; the error for the value has been reported already,
                // unless the value was an empty array.
                if (element.Values.ContainsKey(row.Name))
                {
                    var kind = row.Kind == ValueKind.Element ? "object" : LiteralReader.KindWord(row.Kind);
                    errors.Add($"{kind}CountBelowMin", $"{element.Describe}'s property '{row.Name}' has no valid value but one value is required.", element.Describe, row.Name);
                }
            }
            else
            {
                var supplemental = element.Cotypes.FirstOrDefault(c => c.Properties.Contains(row));
                if (supplemental is not null)
                {
                    errors.Add("missingSupplementalObjectProperty", $"{element.Describe} has co-type {supplemental.Name}, which requires property '{row.Name}'; however, this property is not present.", element.Describe, row.Name);
                }
                else
                {
                    errors.Add(row.Kind == ValueKind.Element ? "missingObjectProperty" : "missingLiteralProperty",
                        $"{element.Describe} requires property '{row.Name}'; however, this property is not present.", element.Describe, row.Name);
                }
            }
            ok = false;
        }
        return ok;
    }

    private static bool HasMember(Element element, string property)
    {
        foreach (var (key, _) in element.Source)
        {
            if (key == property || element.Scope.Resolve(key) is { Kind: TermKind.Property } t && t.Name == property)
            {
                return true;
            }
        }
        return false;
    }

    private static string Allowed(IReadOnlyList<string> classes) =>
        classes.Count switch
        {
            0 => "nothing",
            1 => classes[0],
            _ => string.Join(", ", classes.Take(classes.Count - 1)) + ", or " + classes[^1],
        };
}
