using PlateletTwins.Dtdl.Errors;
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
    private static object? Inherited(string id, string name, ModelSet set)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(set.Bases(id));
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (!done.Add(current))
            {
                continue;
            }
            foreach (var (n, declaration, _) in set.OwnContents(current))
            {
                if (n == name)
                {
                    return declaration;
                }
            }
            foreach (var b in set.Bases(current))
            {
                stack.Push(b);
            }
        }
        return null;
    }

    public static void Check(IReadOnlyList<Element> all, ModelSet set, ErrorSink errors)
    {
        foreach (var e in all)
        {
            if (!e.HasCotype("ValueAnnotation") || e.String("annotates") is not { } annotated || e.Parent is not { } owner)
            {
                continue;
            }
            var sibling = owner.All("contents").Select(c => c as Element ?? (c is Reference r ? set.Uploaded(r.Dtmi) : null))
                .FirstOrDefault(c => c is not null && c != e && c.Name == annotated);
            if (sibling is null)
            {
                // The annotated element may be inherited.
                var inherited = owner.Id is { } ownerId ? Inherited(ownerId, annotated, set) : null;
                if (inherited is not Element inheritedElement)
                {
                    continue;
                }
                sibling = inheritedElement;
            }
            if (sibling.Class.Name is not ("Property" or "Telemetry"))
            {
                errors.Add("notSiblingRequiredType", $"{e.Describe} whose property 'annotates' refers to sibling with name '{annotated}', but this sibling does not have @type of Property or Telemetry.", e.Describe, "annotates", annotated);
                continue;
            }
            if (sibling.HasCotype("ValueAnnotation"))
            {
                errors.Add("disallowedType", $"{e.Describe} whose property 'annotates' refers to sibling with name '{annotated}', which has disallowed @type of ValueAnnotation.", e.Describe, "annotates", annotated);
                continue;
            }
            if (!e.HasCotype("Override") || e.String("overrides") is not { } overridden)
            {
                continue;
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
                continue;
            }
            // The override's schema is the unit type of the overridden unit.
            if (overridden == "unit" && supplemental.UnitType is { } unitType && e.All("schema").FirstOrDefault() is Metamodel.Term schema && Metamodel.Tables.SemanticTypes.Canonical(schema.Name) != unitType)
            {
                errors.Add("siblingPropertyMismatch", $"{e.Describe}'s property 'schema' has value '{schema.Name}' instead of '{unitType}'.", e.Describe, "schema", schema.Name, unitType);
                continue;
            }
            var rivals = owner.Children("contents").Count(c => c.HasCotype("Override") && c.String("annotates") == annotated && c.String("overrides") == overridden);
            if (rivals > 1 && owner.Children("contents").First(c => c.HasCotype("Override") && c.String("annotates") == annotated && c.String("overrides") == overridden) == e)
            {
                errors.Add("multipleReference", $"{owner.Describe}'s has more than one 'contents' value in which properties 'annotates' and 'overrides' have respective values '{annotated}' and '{overridden}'.", owner.Describe, "contents");
            }
        }
    }
}
