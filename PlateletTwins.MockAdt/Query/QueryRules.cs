namespace PlateletTwins.MockAdt.Query;

/// <summary>The rules of the dialect that the grammar alone does not enforce (aliases, JOIN's requirements).</summary>
internal static class QueryRules
{
    /// <summary>The longest step a MATCH pattern may take: MockAdt's bound (ADT's own could not be confirmed).</summary>
    public const int MaxMatchHops = 10;

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
        if (query.Match is { } match)
        {
            CheckMatch(query, match);
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

    private static void CheckMatch(QuerySyntax query, MatchPattern match)
    {
        var variables = new HashSet<string>(StringComparer.Ordinal);
        foreach (var variable in match.Nodes.Concat(match.Edges.Select(e => e.Variable)).OfType<string>())
        {
            if (!variables.Add(variable))
            {
                throw new QuerySyntaxException($"the variable '{variable}' is defined twice in the pattern", match.Position);
            }
        }
        foreach (var edge in match.Edges)
        {
            if (edge.MinHops > edge.MaxHops || edge.MaxHops < 1 || edge.MaxHops > MaxMatchHops)
            {
                throw new QuerySyntaxException($"a step's hops must run from 0 or more up to at most {MaxMatchHops}, the lower bound first", edge.Position);
            }
            if (edge.Variable is not null && !edge.IsSingleHop)
            {
                throw new QuerySyntaxException("a step of several hops cannot have a relationship variable: name only single steps, e.g. -[r:rel]->", edge.Position);
            }
        }
        if (query.Select.Star)
        {
            throw new QuerySyntaxException("SELECT * cannot be used with MATCH: project the pattern's variables, e.g. SELECT a, b", 0);
        }
        // A MATCH row has no default collection: every path, and IS_OF_MODEL, names a variable.
        var where = Parts(query.Where).ToList();
        foreach (var path in query.Select.Projections.Select(p => p.Path).Concat(where.OfType<PropertyPath>()).Where(p => !variables.Contains(p.Segments[0])))
        {
            throw new QuerySyntaxException($"'{path}' does not start with a variable of the pattern", path.Position);
        }
        foreach (var function in where.OfType<FunctionExpression>().Where(f => f.Name == "IS_OF_MODEL" && QueryFunctions.OfModelArguments(f).Alias is null))
        {
            throw new QuerySyntaxException("IS_OF_MODEL in a MATCH query names its variable, e.g. IS_OF_MODEL(b, 'dtmi:example:Room;1')", function.Position);
        }
        if (!match.Nodes.OfType<string>().Any(node => QueryPins.Ids(query.Where, node, "$dtId", aliasIsDefault: false) is not null))
        {
            // As with JOIN: the traversal starts from a twin the query names.
            throw new QuerySyntaxException("a query with MATCH must filter a twin of the pattern by its $dtId in WHERE, e.g. WHERE a.$dtId = 'id'", match.Position);
        }
    }

    /// <summary>An expression and every expression inside it.</summary>
    private static IEnumerable<QueryExpression> Parts(QueryExpression? expression) => expression switch
    {
        null => [],
        ComparisonExpression c => [c, .. Parts(c.Left), .. Parts(c.Right)],
        LogicalExpression l => [l, .. Parts(l.Left), .. Parts(l.Right)],
        NotExpression n => [n, .. Parts(n.Operand)],
        InExpression i => [i, .. Parts(i.Operand)],
        FunctionExpression f => [f, .. f.Arguments.SelectMany(Parts)],
        _ => [expression],
    };
}
