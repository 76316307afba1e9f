using System.Runtime.CompilerServices;
using PlateletTwins.Dtdl.Errors;
using PlateletTwins.Dtdl.Model;
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
        // Depth below each Interface, memoized across the upload: a hierarchy with many diamonds is walked once.
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new Dictionary<string, Dictionary<string, object>>(StringComparer.Ordinal);
        var onPath = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in interfaces)
        {
            if (root.Id is not { } id)
            {
                continue;
            }
            var limits = root.Scope.Metamodel.Limits;
            var cycle = false;
            var below = Depth(id, set, depth, onPath, ref cycle);
            if (cycle)
            {
                errors.Add("recursiveStructureNarrow", $"{id} is at the root of a chain of 'extends' properties that includes itself.", id, "extends");
                return;
            }
            if (below > limits.MaxExtendsDepth)
            {
                errors.Add("excessiveDepthNarrow", $"{id} is at the root of a chain of 'extends' properties that exceeds {limits.MaxExtendsDepth} levels -- an element is at level {below}.", id, "extends");
                continue;
            }
            if (limits.MaxExtendsTotal is { } maxTotal && CountExtends(id, set, maxTotal) is var total && total > maxTotal)
            {
                errors.Add("excessiveCount", $"{id} is at the root of a hierarchy that contains {total} 'extends' properties, but the allowed maximum count is {maxTotal}.", id, "extends");
                continue;
            }
            CheckNames(root, id, set, names, errors);
        }
    }

    /// <summary>Levels of <c>extends</c> below <paramref name="id"/> (0 for an Interface that extends nothing).</summary>
    private static int Depth(string id, ModelSet set, Dictionary<string, int> memo, HashSet<string> onPath, ref bool cycle)
    {
        if (memo.TryGetValue(id, out var known))
        {
            return known;
        }
        if (!onPath.Add(id))
        {
            cycle = true;
            return 0;
        }
        var max = 0;
        foreach (var b in set.Bases(id))
        {
            max = Math.Max(max, 1 + Depth(b, set, memo, onPath, ref cycle));
            if (cycle)
            {
                break;
            }
        }
        onPath.Remove(id);
        if (!cycle)
        {
            memo[id] = max;
        }
        return max;
    }

    /// <summary>The <c>extends</c> values in the hierarchy, each Interface counted once; stops past <paramref name="max"/>.</summary>
    private static int CountExtends(string id, ModelSet set, int max)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        stack.Push(id);
        var count = 0;
        while (stack.Count > 0 && count <= max)
        {
            var current = stack.Pop();
            if (!done.Add(current))
            {
                continue;
            }
            foreach (var b in set.Bases(current))
            {
                count++;
                stack.Push(b);
            }
        }
        return count;
    }

    // What an accepted model declares and inherits, kept with the model: uploads that extend it do not walk it again.
    private static readonly ConditionalWeakTable<DtdlInterface, Dictionary<string, object>> AcceptedNames = new();

    private static void CheckNames(Element root, string id, ModelSet set, Dictionary<string, Dictionary<string, object>> memo, ErrorSink errors)
    {
        var clash = (string?)null;
        var names = NamesOf(id, set, memo, [], ref clash);
        if (clash is not null)
        {
            errors.Add("nonUniqueImportedPropertyValue",
                $"{id}, because it transitively 'extends' another Interface, has property 'contents' that contains more than one element for which property 'name' has value '{clash}'.", id, "contents", clash);
            return;
        }
        if (root.Scope.Metamodel.Limits.MaxContentsTotal is { } max && names.Count > max)
        {
            errors.Add("excessiveCount", $"{id} is at the root of a hierarchy that contains {names.Count} 'contents' values, but the allowed maximum count is {max}.", id, "contents");
        }
    }

    /// <summary>Every content name of an Interface with what it inherits, each with the element that declares it.</summary>
    private static Dictionary<string, object> NamesOf(string id, ModelSet set, Dictionary<string, Dictionary<string, object>> memo, HashSet<string> onPath, ref string? clash)
    {
        if (memo.TryGetValue(id, out var known))
        {
            return known;
        }
        var accepted = set.Accepted(id);
        if (accepted is not null && AcceptedNames.TryGetValue(accepted, out var cached))
        {
            return cached;
        }
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        if (!onPath.Add(id))
        {
            return result;
        }
        foreach (var b in set.Bases(id))
        {
            foreach (var (name, declaration) in NamesOf(b, set, memo, onPath, ref clash))
            {
                if (!result.TryAdd(name, declaration) && !ReferenceEquals(result[name], declaration))
                {
                    clash ??= name;
                }
            }
        }
        foreach (var (name, declaration, _) in set.OwnContents(id))
        {
            if (!result.TryAdd(name, declaration) && !ReferenceEquals(result[name], declaration))
            {
                clash ??= name;
            }
        }
        onPath.Remove(id);
        memo[id] = result;
        if (accepted is not null && clash is null)
        {
            AcceptedNames.AddOrUpdate(accepted, result);
        }
        return result;
    }
}
