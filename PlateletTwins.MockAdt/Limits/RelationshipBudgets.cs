using PlateletTwins.MockAdt.Store;

namespace PlateletTwins.MockAdt.Limits;

/// <summary>
/// The twins whose own budget (10 writes a second) a write spends. ADT counts a relationship's create, update and
/// delete against both twins it joins (limits page: "operations on one twin including its incoming and outgoing
/// relationships"), so a relationship write spends its source's, its target's and, when a PUT gives the relationship
/// another target, the old target's. The new target is read from the body without consuming it; the old one from the
/// store, as the request finds it.
/// </summary>
internal sealed class RelationshipBudgets(RelationshipStore relationships)
{
    public async ValueTask<WrittenTwins> TwinsAsync(HttpRequest request, string source, string? relationshipId)
    {
        if (relationshipId is null)
        {
            return new(source);
        }
        var twins = new List<string>(3) { source };
        if (HttpMethods.IsPut(request.Method) && await RelationshipBodyPeek.TargetIdAsync(request) is { } newTarget)
        {
            AddOnce(twins, newTarget);
        }
        if (relationships.Get(source, relationshipId)?.TargetId is { } storedTarget)
        {
            AddOnce(twins, storedTarget);
        }
        return WrittenTwins.Of(twins);
    }

    private static void AddOnce(List<string> twins, string twin)
    {
        if (!twins.Contains(twin, StringComparer.Ordinal))
        {
            twins.Add(twin);
        }
    }
}
