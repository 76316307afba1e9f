using PlateletTwins.MockAdt.Store;

namespace PlateletTwins.MockAdt.Query;

/// <summary>
/// The rows of a MATCH pattern: from each twin the WHERE clause names by <c>$dtId</c> (the first pinned node), the
/// chain is walked right to its end, then left to its start, through the relationship indexes. A step of several hops
/// reaches each twin once (nearest first); one row stands for each distinct binding of the pattern's variables.
/// </summary>
internal sealed class MatchWalker(TwinStore twins, RelationshipStore relationships)
{
    public IEnumerable<QueryRow> Rows(MatchPattern match, QueryExpression? where)
    {
        // The rules made sure some node is pinned.
        var (start, ids) = match.Nodes
            .Select((node, i) => (Index: i, Ids: node is null ? null : QueryPins.Ids(where, node, "$dtId", false)))
            .First(pinned => pinned.Ids is not null);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var twin in ids!.Order(StringComparer.Ordinal).Select(twins.Visible).OfType<TwinRecord>())
        {
            var nodes = new TwinRecord[match.Nodes.Count];
            nodes[start] = twin;
            foreach (var (pathNodes, pathEdges) in Extend(match, nodes, new RelationshipRecord?[match.Edges.Count], start, start))
            {
                var bindings = Bind(match, pathNodes, pathEdges);
                if (seen.Add(string.Join('\n', bindings.Select(b => $"{b.Key}={Identity(b.Value)}"))))
                {
                    yield return new QueryRow("", bindings);
                }
            }
        }
    }

    /// <summary>The complete paths through nodes[left..right], extended rightwards first, then leftwards.</summary>
    private IEnumerable<(TwinRecord[] Nodes, RelationshipRecord?[] Edges)> Extend(MatchPattern match, TwinRecord[] nodes, RelationshipRecord?[] edges, int left, int right)
    {
        var rightwards = right < match.Edges.Count;
        if (!rightwards && left == 0)
        {
            yield return (nodes, edges);
            yield break;
        }
        var edgeIndex = rightwards ? right : left - 1;
        var from = rightwards ? nodes[right] : nodes[left];
        foreach (var (twin, via) in Step(from, match.Edges[edgeIndex], rightwards))
        {
            var nextNodes = (TwinRecord[])nodes.Clone();
            var nextEdges = (RelationshipRecord?[])edges.Clone();
            nextNodes[rightwards ? right + 1 : left - 1] = twin;
            nextEdges[edgeIndex] = via;
            foreach (var path in Extend(match, nextNodes, nextEdges, rightwards ? left : left - 1, rightwards ? right + 1 : right))
            {
                yield return path;
            }
        }
    }

    /// <summary>Where one step leads from <paramref name="from"/>, walked the way the pattern reads (left to right) or against it.</summary>
    private IEnumerable<(TwinRecord Twin, RelationshipRecord? Via)> Step(TwinRecord from, MatchEdge edge, bool withThePattern)
    {
        var direction = withThePattern ? edge.Direction : edge.Direction switch
        {
            MatchDirection.Forward => MatchDirection.Backward,
            MatchDirection.Backward => MatchDirection.Forward,
            _ => MatchDirection.Either,
        };
        return edge.IsSingleHop
            ? Neighbours(from, edge.Names, direction).Select(n => (n.Twin, (RelationshipRecord?)n.Via))
            : Reach(from, edge, direction).Select(t => (t, (RelationshipRecord?)null));
    }

    private IEnumerable<(TwinRecord Twin, RelationshipRecord Via)> Neighbours(TwinRecord from, IReadOnlyList<string> names, MatchDirection direction)
    {
        var outgoing = direction is MatchDirection.Forward or MatchDirection.Either ? relationships.Outgoing(from.Id).Select(r => (Id: r.TargetId, Via: r)) : [];
        var incoming = direction is MatchDirection.Backward or MatchDirection.Either ? relationships.Incoming(from.Id).Select(r => (Id: r.SourceId, Via: r)) : [];
        return outgoing.Concat(incoming)
            .Where(end => names.Count == 0 || names.Contains(end.Via.Name))
            .OrderBy(end => end.Id, StringComparer.Ordinal).ThenBy(end => end.Via.SourceId, StringComparer.Ordinal).ThenBy(end => end.Via.Id, StringComparer.Ordinal)
            .Select(end => (Twin: twins.Visible(end.Id), end.Via))
            .Where(end => end.Twin is not null)
            .Select(end => (end.Twin!, end.Via));
    }

    /// <summary>The twins <see cref="MatchEdge.MinHops"/> to <see cref="MatchEdge.MaxHops"/> steps away, each once, nearest first, then by id.</summary>
    private IEnumerable<TwinRecord> Reach(TwinRecord from, MatchEdge edge, MatchDirection direction)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        IReadOnlyList<TwinRecord> level = [from];
        for (var hops = 0; level.Count > 0; hops++)
        {
            if (hops >= edge.MinHops)
            {
                foreach (var twin in level.Where(t => found.Add(t.Id)))
                {
                    yield return twin;
                }
            }
            if (hops == edge.MaxHops)
            {
                yield break;
            }
            level = [.. level.SelectMany(t => Neighbours(t, edge.Names, direction)).Select(n => n.Twin).DistinctBy(t => t.Id).OrderBy(t => t.Id, StringComparer.Ordinal)];
        }
    }

    private static Dictionary<string, QueryBinding> Bind(MatchPattern match, TwinRecord[] nodes, RelationshipRecord?[] edges)
    {
        var bindings = new Dictionary<string, QueryBinding>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Length; i++)
        {
            if (match.Nodes[i] is { } node)
            {
                bindings[node] = QueryBinding.Of(nodes[i]);
            }
        }
        for (var i = 0; i < edges.Length; i++)
        {
            if (match.Edges[i].Variable is { } variable && edges[i] is { } relationship)
            {
                bindings[variable] = QueryBinding.Of(relationship);
            }
        }
        return bindings;
    }

    private static string Identity(QueryBinding binding) =>
        binding.Twin?.Id ?? $"{binding.Relationship!.SourceId}/{binding.Relationship.Id}";
}
