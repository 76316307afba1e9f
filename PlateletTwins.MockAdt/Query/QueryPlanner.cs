using System.Runtime.CompilerServices;
using PlateletTwins.MockAdt.Store;

namespace PlateletTwins.MockAdt.Query;

/// <summary>
/// Produces a query's rows, in a stable order (by id), starting from what the indexes answer: twins by <c>$dtId</c>
/// or by model, relationships by source or target, JOINs and MATCH patterns through the relationship indexes. Only without any of these
/// does it scan. Every candidate is still tested against the whole WHERE clause, on the twin as queries see it.
/// </summary>
internal sealed class QueryPlanner(TwinStore twins, RelationshipStore relationships, QueryEvaluator evaluator, MatchWalker matches)
{
    /// <summary>The rows matching the query; <paramref name="scanned"/> counts the candidates looked at.</summary>
    public IEnumerable<QueryRow> Rows(QuerySyntax query, StrongBox<int> scanned)
    {
        var alias = query.FromAlias ?? "";
        var candidates = query.Match is { } match ? matches.Rows(match, query.Where)
            : query.From == QuerySource.Relationships
            ? RelationshipCandidates(query).Select(r => new QueryRow(alias, new Dictionary<string, QueryBinding>(StringComparer.Ordinal) { [alias] = QueryBinding.Of(r) }))
            : TwinCandidates(query, alias).SelectMany(t => Join(query, alias, t));
        foreach (var row in candidates)
        {
            scanned.Value++;
            if (evaluator.Matches(query.Where, row))
            {
                yield return row;
            }
        }
    }

    private IEnumerable<TwinRecord> TwinCandidates(QuerySyntax query, string alias)
    {
        var isDefault = query.Joins.Count == 0;
        if (QueryPins.Ids(query.Where, query.FromAlias, "$dtId", isDefault) is { } ids)
        {
            return ids.Order(StringComparer.Ordinal).Select(twins.Visible).OfType<TwinRecord>();
        }
        // A JOIN target pinned by id: walk its incoming relationships back to the sources.
        if (query.Joins is [var first, ..] && first.SourceAlias == alias
            && QueryPins.Ids(query.Where, first.Alias, "$dtId", false) is { } targets)
        {
            return targets.SelectMany(relationships.Incoming)
                .Where(r => r.Name == first.RelationshipName)
                .Select(r => r.SourceId)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .Select(twins.Visible).OfType<TwinRecord>();
        }
        if (QueryPins.Model(query.Where, query.FromAlias, isDefault) is var (model, exact))
        {
            var lists = twins.ModelsInUse().Where(m => evaluator.IsOfModel(m, model, exact)).Select(twins.SortedIds).ToList();
            return Merge(lists).Select(twins.Visible).OfType<TwinRecord>();
        }
        return twins.SortedIds(null).Select(twins.Visible).OfType<TwinRecord>();
    }

    /// <summary>Sorted id lists merged lazily into one sorted sequence without duplicates, so a first page reads only its share.</summary>
    private static IEnumerable<string> Merge(List<IReadOnlyList<string>> lists)
    {
        if (lists.Count == 1)
        {
            foreach (var id in lists[0])
            {
                yield return id;
            }
            yield break;
        }
        var heads = new PriorityQueue<(int List, int Index), string>(StringComparer.Ordinal);
        for (var i = 0; i < lists.Count; i++)
        {
            if (lists[i].Count > 0)
            {
                heads.Enqueue((i, 0), lists[i][0]);
            }
        }
        string? previous = null;
        while (heads.TryDequeue(out var head, out var id))
        {
            if (id != previous)
            {
                yield return id;
                previous = id;
            }
            if (head.Index + 1 < lists[head.List].Count)
            {
                heads.Enqueue((head.List, head.Index + 1), lists[head.List][head.Index + 1]);
            }
        }
    }

    private IEnumerable<RelationshipRecord> RelationshipCandidates(QuerySyntax query)
    {
        if (QueryPins.Ids(query.Where, query.FromAlias, "$sourceId", true) is { } sources)
        {
            return sources.Order(StringComparer.Ordinal).SelectMany(s => relationships.Outgoing(s).OrderBy(r => r.Id, StringComparer.Ordinal));
        }
        if (QueryPins.Ids(query.Where, query.FromAlias, "$targetId", true) is { } targets)
        {
            return targets.Order(StringComparer.Ordinal).SelectMany(t => relationships.Incoming(t).OrderBy(r => r.SourceId, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal));
        }
        return relationships.All().OrderBy(r => r.SourceId, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal);
    }

    /// <summary>The rows of one FROM twin: itself alone, or every path through the JOINs (inner joins: no path, no row).</summary>
    private IEnumerable<QueryRow> Join(QuerySyntax query, string alias, TwinRecord twin)
    {
        var start = new Dictionary<string, QueryBinding>(StringComparer.Ordinal) { [alias] = QueryBinding.Of(twin) };
        IEnumerable<Dictionary<string, QueryBinding>> rows = [start];
        foreach (var join in query.Joins)
        {
            rows = rows.SelectMany(row => relationships.Outgoing(row[join.SourceAlias].Twin!.Id)
                .Where(r => r.Name == join.RelationshipName)
                .OrderBy(r => r.Id, StringComparer.Ordinal)
                .Select(r => (Relationship: r, Target: twins.Visible(r.TargetId)))
                .Where(p => p.Target is not null)
                .Select(p =>
                {
                    var next = new Dictionary<string, QueryBinding>(row, StringComparer.Ordinal) { [join.Alias] = QueryBinding.Of(p.Target!) };
                    if (join.RelationshipAlias is { } relationshipAlias)
                    {
                        next[relationshipAlias] = QueryBinding.Of(p.Relationship);
                    }
                    return next;
                }));
        }
        return rows.Select(bindings => new QueryRow(alias, bindings));
    }
}
