using PlateletTwins.Dtdl.Errors;
using PlateletTwins.Dtdl.Model;
using PlateletTwins.Dtdl.Parsing;

namespace PlateletTwins.Dtdl.Validation;

/// <summary>
/// The rules of the Annotation and Overriding extensions (DTDL.annotation.v1/v2, DTDL.overriding.v1/v2): a
/// ValueAnnotation's <c>annotates</c> names a sibling Property or Telemetry of the same Interface that is not itself an
/// annotation; an Override's <c>overrides</c> names a property that a supplemental type of that sibling adds, and no
/// two siblings override the same property of the same element.
/// </summary>
internal static class SupplementalRules
{
    public static void Check(IReadOnlyList<Element> all, ModelSet set, ErrorSink errors)
    {
        if (!all.Any(e => e.HasCotype("ValueAnnotation")))
        {
            return;
        }
        // Each Interface sees the annotations it declares and inherits, and resolves them among all it has.
        var reported = new HashSet<Element>();
        var multiple = new HashSet<string>(StringComparer.Ordinal);
        var annotatedMemo = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var root in all)
        {
            if (root.Class.Name != "Interface" || root.Id is not { } rootId || !HasAnnotation(rootId, set, annotatedMemo))
            {
                continue;
            }
            var closure = Closure(rootId, set);
            var overrides = new Dictionary<(string, string), int>();
            foreach (var e in closure.Values.OfType<Element>())
            {
                if (!e.HasCotype("ValueAnnotation") || e.String("annotates") is not { } annotated)
                {
                    continue;
                }
                if (e.HasCotype("Override") && e.String("overrides") is { } o)
                {
                    var key = (annotated, o);
                    overrides[key] = overrides.GetValueOrDefault(key) + 1;
                    if (overrides[key] == 2 && multiple.Add($"{rootId}|{annotated}|{o}"))
                    {
                        errors.Add("multipleReference", $"{rootId}'s has more than one 'contents' value in which properties 'annotates' and 'overrides' have respective values '{annotated}' and '{o}'.", rootId, "contents");
                    }
                }
                if (!reported.Contains(e) && closure.GetValueOrDefault(annotated) is { } sibling && !Check(e, annotated, sibling, errors))
                {
                    reported.Add(e);
                }
            }
        }
    }

    /// <summary>Whether an uploaded annotation is among what an Interface declares or inherits (most Interfaces have none).</summary>
    private static bool HasAnnotation(string id, ModelSet set, Dictionary<string, bool> memo)
    {
        if (memo.TryGetValue(id, out var known))
        {
            return known;
        }
        memo[id] = false; // a cycle (refused earlier) ends here
        var found = set.OwnContents(id).Any(c => c.Declaration is Element e && e.HasCotype("ValueAnnotation"))
            || set.Bases(id).Any(b => HasAnnotation(b, set, memo));
        memo[id] = found;
        return found;
    }

    /// <summary>The contents an Interface declares and inherits, by name.</summary>
    private static Dictionary<string, object> Closure(string id, ModelSet set)
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        queue.Enqueue(id);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            if (!done.Add(current))
            {
                continue;
            }
            foreach (var (name, declaration, _) in set.OwnContents(current))
            {
                result.TryAdd(name, declaration);
            }
            foreach (var b in set.Bases(current))
            {
                queue.Enqueue(b);
            }
        }
        return result;
    }

    /// <summary>One annotation against the element it annotates; false when an error was reported.</summary>
    private static bool Check(Element e, string annotated, object target, ErrorSink errors)
    {
        if (target is DtdlContent accepted)
        {
            if (accepted.Kind is ContentKind.Property or ContentKind.Telemetry)
            {
                return true;
            }
            errors.Add("notSiblingRequiredType", $"{e.Describe} whose property 'annotates' refers to sibling with name '{annotated}', but this sibling does not have @type of Property or Telemetry.", e.Describe, "annotates", annotated);
            return false;
        }
        if (target is not Element sibling || ReferenceEquals(sibling, e))
        {
            return true;
        }
        if (sibling.Class.Name is not ("Property" or "Telemetry"))
        {
            errors.Add("notSiblingRequiredType", $"{e.Describe} whose property 'annotates' refers to sibling with name '{annotated}', but this sibling does not have @type of Property or Telemetry.", e.Describe, "annotates", annotated);
            return false;
        }
        if (sibling.HasCotype("ValueAnnotation"))
        {
            errors.Add("disallowedType", $"{e.Describe} whose property 'annotates' refers to sibling with name '{annotated}', which has disallowed @type of ValueAnnotation.", e.Describe, "annotates", annotated);
            return false;
        }
        if (!e.HasCotype("Override") || e.String("overrides") is not { } overridden)
        {
            return true;
        }
        var supplemental = sibling.Cotypes.FirstOrDefault(c => c.Properties.Any(p => p.Name == overridden));
        if (supplemental is null)
        {
            if (sibling.Scope.Metamodel.Property(sibling.Class.Name, overridden) is not null)
            {
                errors.Add("matchingPropertyNotSupplemental", $"{e.Describe} whose property 'annotates' refers to sibling with name '{annotated}', but this sibling's property '{overridden}' is associated with the element's material type '{sibling.Class.Name}'.", e.Describe, "overrides", overridden);
            }
            else
            {
                errors.Add("noMatchingSupplementalProperty", $"{e.Describe} whose property 'annotates' refers to sibling with name '{annotated}', but this sibling has no supplemental @type with property '{overridden}'.", e.Describe, "overrides", overridden);
            }
            return false;
        }
        // The override's schema is the unit type of the overridden unit.
        if (overridden == "unit" && supplemental.UnitType is { } unitType && e.All("schema").FirstOrDefault() is Metamodel.Term schema
            && Metamodel.Tables.SemanticTypes.Canonical(schema.Name) != unitType)
        {
            errors.Add("siblingPropertyMismatch", $"{e.Describe}'s property 'schema' has value '{schema.Name}' instead of '{unitType}'.", e.Describe, "schema", schema.Name, unitType);
            return false;
        }
        return true;
    }
}
