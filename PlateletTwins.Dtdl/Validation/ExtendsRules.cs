using PlateletTwins.Dtdl.Errors;
using PlateletTwins.Dtdl.Parsing;

namespace PlateletTwins.Dtdl.Validation;

/// <summary>
/// The <c>extends</c> hierarchy of each Interface of the upload: no cycle, at most the version's depth (levels below
/// the Interface: a chain of 11 Interfaces is 10 levels) and total, and no content name declared twice in the
/// Interface with what it inherits (one declaration reached along two paths is one).
/// </summary>
internal static class ExtendsRules
{
    public static void Check(IReadOnlyList<Element> interfaces, ModelSet set, ErrorSink errors)
    {
        foreach (var root in interfaces)
        {
            if (root.Id is not { } id)
            {
                continue;
            }
            var limits = root.Scope.Metamodel.Limits;
            var visiting = new HashSet<string>(StringComparer.Ordinal);
            var depthOk = true;
            var cycle = false;
            var total = 0;
            var countedDistinct = new HashSet<string>(StringComparer.Ordinal);

            void Walk(string current, int level)
            {
                if (cycle || !depthOk)
                {
                    return;
                }
                if (!visiting.Add(current))
                {
                    cycle = true;
                    return;
                }
                if (level > limits.MaxExtendsDepth)
                {
                    errors.Add("excessiveDepthNarrow", $"{id} is at the root of a chain of 'extends' properties that exceeds {limits.MaxExtendsDepth} levels -- element {current} is at level {level}.", id, "extends");
                    depthOk = false;
                    visiting.Remove(current);
                    return;
                }
                foreach (var b in set.Bases(current))
                {
                    total++;
                    countedDistinct.Add(b);
                    Walk(b, level + 1);
                }
                visiting.Remove(current);
            }

            Walk(id, 0);
            if (cycle)
            {
                errors.Add("recursiveStructureNarrow", $"{id} is at the root of a chain of 'extends' properties that includes itself.", id, "extends");
                continue;
            }
            if (!depthOk)
            {
                continue;
            }
            if (limits.MaxExtendsTotal is { } maxTotal && total > maxTotal)
            {
                errors.Add("excessiveCount", $"{id} is at the root of a hierarchy that contains {total} 'extends' properties, but the allowed maximum count is {maxTotal}.", id, "extends");
                continue;
            }
            CheckNames(root, id, set, errors);
        }
    }

    private static void CheckNames(Element root, string id, ModelSet set, ErrorSink errors)
    {
        var names = new Dictionary<string, object>(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        stack.Push(id);
        var count = 0;
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (!done.Add(current))
            {
                continue;
            }
            foreach (var (name, declaration, _) in set.OwnContents(current))
            {
                count++;
                if (names.TryGetValue(name, out var existing))
                {
                    if (!ReferenceEquals(existing, declaration))
                    {
                        errors.Add("nonUniqueImportedPropertyValue",
                            $"{id}, because it transitively 'extends' {current}, has property 'contents' that contains more than one element for which property 'name' has value '{name}'.", id, "contents", name);
                        return;
                    }
                    continue;
                }
                names[name] = declaration;
            }
            foreach (var b in set.Bases(current))
            {
                stack.Push(b);
            }
        }
        if (root.Scope.Metamodel.Limits.MaxContentsTotal is { } max && count > max)
        {
            errors.Add("excessiveCount", $"{id} is at the root of a hierarchy that contains {count} 'contents' values, but the allowed maximum count is {max}.", id, "contents");
        }
    }
}
