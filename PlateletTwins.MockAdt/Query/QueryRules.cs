namespace PlateletTwins.MockAdt.Query;

/// <summary>The rules of the dialect that the grammar alone does not enforce (aliases, JOIN's requirements).</summary>
public static class QueryRules
{
    public static void Check(QuerySyntax query)
    {
        var aliases = new HashSet<string>(StringComparer.Ordinal);
        if (query.FromAlias is { } fromAlias)
        {
            aliases.Add(fromAlias);
        }
        foreach (var join in query.Joins)
        {
            if (query.FromAlias is null)
            {
                throw new QuerySyntaxException("a query with JOIN names its collection: FROM DIGITALTWINS <alias>", join.Position);
            }
            if (!aliases.Contains(join.SourceAlias))
            {
                throw new QuerySyntaxException($"'{join.SourceAlias}' is not an alias defined before this JOIN", join.Position);
            }
            if (!aliases.Add(join.Alias) || join.RelationshipAlias is { } r && !aliases.Add(r))
            {
                throw new QuerySyntaxException($"the alias '{join.Alias}' is defined twice", join.Position);
            }
        }
        if (query.Joins.Count > 0)
        {
            if (query.Select.Star)
            {
                throw new QuerySyntaxException("SELECT * cannot be used with JOIN: project the collections, e.g. SELECT T, C", 0);
            }
            foreach (var projection in query.Select.Projections.Where(p => !aliases.Contains(p.Path.Segments[0])))
            {
                throw new QuerySyntaxException($"'{projection.Path}' does not start with an alias of the query", projection.Path.Position);
            }
            if (!QueryPins.HasAnyDtIdPin(query.Where))
            {
                // ADT requires a JOIN query to name at least one twin: the traversal starts from it.
                throw new QuerySyntaxException("a query with JOIN must filter a twin by its $dtId in WHERE, e.g. WHERE T.$dtId = 'id'", 0);
            }
        }
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var projection in query.Select.Projections)
        {
            if (!keys.Add(projection.Key))
            {
                throw new QuerySyntaxException($"two projections are named '{projection.Key}': give one an alias with AS", projection.Path.Position);
            }
        }
    }
}
