namespace PlateletTwins.MockAdt.Query;

/// <summary>The syntax tree of a query of ADT's dialect.</summary>
internal sealed record QuerySyntax(
    SelectClause Select,
    QuerySource From,
    string? FromAlias,
    IReadOnlyList<JoinClause> Joins,
    QueryExpression? Where,
    MatchPattern? Match = null);

internal enum QuerySource
{
    DigitalTwins,
    Relationships,
}

internal sealed record SelectClause(int? Top, bool Star, bool Count, IReadOnlyList<Projection> Projections);

/// <summary>A projected collection (<c>T</c>) or property (<c>T.name</c>), keyed in the row by its alias or last segment.</summary>
internal sealed record Projection(PropertyPath Path, string? Alias)
{
    public string Key => Alias ?? Path.Segments[^1];
}

/// <summary><c>JOIN Target RELATED Source.relationshipName [RelationshipAlias]</c>.</summary>
internal sealed record JoinClause(string Alias, string SourceAlias, string RelationshipName, string? RelationshipAlias, int Position);

/// <summary><c>MATCH (a)-[r:name|other*1..3]->(b)…</c>: a chain of twins; edge i joins node i to node i + 1. Unnamed nodes are null.</summary>
internal sealed record MatchPattern(IReadOnlyList<string?> Nodes, IReadOnlyList<MatchEdge> Edges, int Position);

internal enum MatchDirection
{
    /// <summary><c>-[]-></c>: from the node on the left to the node on the right.</summary>
    Forward,

    /// <summary><c>&lt;-[]-</c>: from the node on the right to the node on the left.</summary>
    Backward,

    /// <summary><c>-[]-</c>: either way.</summary>
    Either,
}

/// <summary>One step of a pattern: its variable, the relationship names it admits (any when none), its direction and its range of hops.</summary>
internal sealed record MatchEdge(string? Variable, IReadOnlyList<string> Names, MatchDirection Direction, int MinHops, int MaxHops, int Position)
{
    public bool IsSingleHop => MinHops == 1 && MaxHops == 1;
}

internal abstract record QueryExpression(int Position);

internal sealed record LiteralExpression(QueryValue Value, int Position) : QueryExpression(Position);

internal sealed record PropertyPath(IReadOnlyList<string> Segments, int Position) : QueryExpression(Position)
{
    public override string ToString() => string.Join('.', Segments);
}

internal enum ComparisonOperator
{
    Equal,
    NotEqual,
    Less,
    Greater,
    LessOrEqual,
    GreaterOrEqual,
}

internal sealed record ComparisonExpression(QueryExpression Left, ComparisonOperator Operator, QueryExpression Right, int Position) : QueryExpression(Position);

internal sealed record LogicalExpression(QueryExpression Left, bool IsAnd, QueryExpression Right, int Position) : QueryExpression(Position);

internal sealed record NotExpression(QueryExpression Operand, int Position) : QueryExpression(Position);

internal sealed record InExpression(QueryExpression Operand, IReadOnlyList<QueryValue> Values, bool Negated, int Position) : QueryExpression(Position);

internal sealed record FunctionExpression(string Name, IReadOnlyList<QueryExpression> Arguments, int Position) : QueryExpression(Position);
