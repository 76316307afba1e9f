namespace PlateletTwins.MockAdt.Query;

/// <summary>
/// Conditions of the WHERE clause that must hold for every row (its top-level AND terms) and that an index answers:
/// <c>X.$dtId = '…'</c> or <c>IN [...]</c>, <c>IS_OF_MODEL(X, '…')</c>, and <c>$sourceId</c>/<c>$targetId</c> of relationships.
/// </summary>
internal static class QueryPins
{
    public static IEnumerable<QueryExpression> Conjuncts(QueryExpression? where) => where switch
    {
        null => [],
        LogicalExpression { IsAnd: true } and => Conjuncts(and.Left).Concat(Conjuncts(and.Right)),
        _ => [where],
    };

    /// <summary>The ids a property of <paramref name="alias"/> is pinned to, or null when nothing pins it.</summary>
    public static IReadOnlyList<string>? Ids(QueryExpression? where, string? alias, string property, bool aliasIsDefault)
    {
        foreach (var term in Conjuncts(where))
        {
            switch (term)
            {
                case ComparisonExpression { Operator: ComparisonOperator.Equal } c when Names(c.Left, alias, property, aliasIsDefault) && c.Right is LiteralExpression { Value.Kind: QueryValueKind.Text } l:
                    return [l.Value.Text!];
                case ComparisonExpression { Operator: ComparisonOperator.Equal } c when Names(c.Right, alias, property, aliasIsDefault) && c.Left is LiteralExpression { Value.Kind: QueryValueKind.Text } l:
                    return [l.Value.Text!];
                case InExpression { Negated: false } i when Names(i.Operand, alias, property, aliasIsDefault):
                    return [.. i.Values.Where(v => v.Kind == QueryValueKind.Text).Select(v => v.Text!).Distinct(StringComparer.Ordinal)];
            }
        }
        return null;
    }

    /// <summary>The model a top-level IS_OF_MODEL term restricts <paramref name="alias"/> to.</summary>
    public static (string Model, bool Exact)? Model(QueryExpression? where, string? alias, bool aliasIsDefault)
    {
        foreach (var term in Conjuncts(where))
        {
            if (term is FunctionExpression { Name: "IS_OF_MODEL" } f)
            {
                var (target, model, exact) = QueryFunctions.OfModelArguments(f);
                if (target == alias || target is null && aliasIsDefault)
                {
                    return (model, exact);
                }
            }
        }
        return null;
    }

    public static bool HasAnyDtIdPin(QueryExpression? where) => Conjuncts(where).Any(term => term switch
    {
        ComparisonExpression { Operator: ComparisonOperator.Equal } c =>
            c.Left is PropertyPath { Segments: [.., "$dtId"] } && c.Right is LiteralExpression
            || c.Right is PropertyPath { Segments: [.., "$dtId"] } && c.Left is LiteralExpression,
        InExpression { Negated: false, Operand: PropertyPath { Segments: [.., "$dtId"] } } => true,
        _ => false,
    });

    private static bool Names(QueryExpression expression, string? alias, string property, bool aliasIsDefault) => expression is PropertyPath path
        && (path.Segments.Count == 2 && path.Segments[0] == alias && path.Segments[1] == property
            || aliasIsDefault && path.Segments.Count == 1 && path.Segments[0] == property);
}
