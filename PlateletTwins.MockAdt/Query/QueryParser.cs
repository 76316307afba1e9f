using System.Globalization;

namespace PlateletTwins.MockAdt.Query;

/// <summary>
/// A recursive-descent parser for ADT's query dialect, with its documented limits: 8,000 characters, 50 AND/OR,
/// 50 items in an IN list, 5 JOINs. Every error says where in the text it was found.
/// </summary>
internal sealed class QueryParser
{
    public const int MaxLength = 8000;
    public const int MaxLogicalOperators = 50;
    public const int MaxInItems = 50;
    public const int MaxJoins = 5;

    /// <summary>How deep parentheses and NOTs may nest: a bound so that no query can exhaust the parser's stack.</summary>
    public const int MaxNesting = 64;

    private readonly List<QueryToken> _tokens;
    private int _next;
    private int _logicalOperators;
    private int _nesting;

    private QueryParser(List<QueryToken> tokens) => _tokens = tokens;

    public static QuerySyntax Parse(string text)
    {
        if (text.Length > MaxLength)
        {
            throw new QuerySyntaxException($"the query has {text.Length} characters; the limit is {MaxLength}", MaxLength);
        }
        return new QueryParser(QueryLexer.Tokenize(text)).ParseQuery();
    }

    /// <summary>An expression alone, as event-route filters are written; the same grammar and limits as WHERE.</summary>
    public static QueryExpression ParseExpression(string text)
    {
        if (text.Length > MaxLength)
        {
            throw new QuerySyntaxException($"the expression has {text.Length} characters; the limit is {MaxLength}", MaxLength);
        }
        var parser = new QueryParser(QueryLexer.Tokenize(text));
        var expression = parser.ParseOr();
        if (parser.Current.Kind != TokenKind.End)
        {
            throw parser.Error($"extraneous input '{parser.Current}' expecting <EOF>");
        }
        return expression;
    }

    private QueryToken Current => _tokens[_next];

    private QueryToken Advance() => _tokens[_next++];

    private QuerySyntaxException Error(string message) => new(message, Current.Position);

    private void ExpectKeyword(string keyword)
    {
        if (!Current.IsKeyword(keyword))
        {
            throw Error($"missing {keyword} at '{Current}'");
        }
        Advance();
    }

    private void ExpectSymbol(string symbol)
    {
        if (!Current.IsSymbol(symbol))
        {
            throw Error($"missing '{symbol}' at '{Current}'");
        }
        Advance();
    }

    private string ExpectIdentifier(string what)
    {
        if (Current.Kind != TokenKind.Identifier)
        {
            throw Error($"expecting {what} at '{Current}'");
        }
        return Advance().Text;
    }

    private QuerySyntax ParseQuery()
    {
        ExpectKeyword("SELECT");
        var select = ParseSelect();
        ExpectKeyword("FROM");
        var from = Current.IsKeyword("DIGITALTWINS") ? QuerySource.DigitalTwins
            : Current.IsKeyword("RELATIONSHIPS") ? QuerySource.Relationships
            : throw Error($"expecting DIGITALTWINS or RELATIONSHIPS at '{Current}'");
        Advance();
        if (Current.IsKeyword("AS"))
        {
            Advance();
        }
        var fromAlias = Current.Kind == TokenKind.Identifier ? Advance().Text : null;
        MatchPattern? match = null;
        if (Current.IsKeyword("MATCH"))
        {
            if (from == QuerySource.Relationships || fromAlias is not null)
            {
                throw Error("MATCH follows FROM DIGITALTWINS and names its twins in the pattern, e.g. FROM DIGITALTWINS MATCH (a)-[:rel]->(b)");
            }
            match = ParseMatch();
        }
        var joins = new List<JoinClause>();
        while (Current.IsKeyword("JOIN"))
        {
            var position = Advance().Position;
            if (joins.Count == MaxJoins)
            {
                throw new QuerySyntaxException($"a query can have at most {MaxJoins} JOINs", position);
            }
            if (from == QuerySource.Relationships)
            {
                throw new QuerySyntaxException("JOIN cannot be used with FROM RELATIONSHIPS", position);
            }
            if (match is not null)
            {
                throw new QuerySyntaxException("JOIN cannot be used with MATCH: write the whole traversal as the pattern", position);
            }
            var alias = ExpectIdentifier("an alias for the joined twins");
            ExpectKeyword("RELATED");
            var source = ExpectIdentifier("the alias of the source twins");
            ExpectSymbol(".");
            var relationship = ExpectIdentifier("a relationship name");
            var relationshipAlias = Current.Kind == TokenKind.Identifier ? Advance().Text : null;
            joins.Add(new JoinClause(alias, source, relationship, relationshipAlias, position));
        }
        QueryExpression? where = null;
        if (Current.IsKeyword("WHERE"))
        {
            Advance();
            where = ParseOr();
        }
        if (Current.Kind != TokenKind.End)
        {
            throw Error($"extraneous input '{Current}' expecting <EOF>");
        }
        var query = new QuerySyntax(select, from, fromAlias, joins, where, match);
        QueryRules.Check(query);
        return query;
    }

    private MatchPattern ParseMatch()
    {
        var position = Advance().Position;
        var nodes = new List<string?> { ParseMatchNode() };
        var edges = new List<MatchEdge>();
        while (Current.IsSymbol("-") || Current.IsSymbol("<-"))
        {
            edges.Add(ParseMatchEdge());
            nodes.Add(ParseMatchNode());
        }
        if (edges.Count == 0)
        {
            throw Error($"expecting a relationship step such as -[:rel]-> at '{Current}'");
        }
        return new MatchPattern(nodes, edges, position);
    }

    private string? ParseMatchNode()
    {
        ExpectSymbol("(");
        var variable = Current.Kind == TokenKind.Identifier ? Advance().Text : null;
        ExpectSymbol(")");
        return variable;
    }

    // -[r:a|b*1..3]->, <-[…]-, -[…]-
    private MatchEdge ParseMatchEdge()
    {
        var position = Current.Position;
        var backward = Advance().Text == "<-";
        ExpectSymbol("[");
        var variable = Current.Kind == TokenKind.Identifier ? Advance().Text : null;
        var names = new List<string>();
        if (Current.IsSymbol(":"))
        {
            do
            {
                Advance();
                names.Add(ExpectIdentifier("a relationship name"));
            }
            while (Current.IsSymbol("|"));
        }
        var (min, max) = (1, 1);
        if (Current.IsSymbol("*"))
        {
            Advance();
            (min, max) = ParseHops();
        }
        ExpectSymbol("]");
        var forward = Current.IsSymbol("->");
        if (forward && backward)
        {
            throw Error("a relationship step points one way: <-[…]- or -[…]->");
        }
        if (forward)
        {
            Advance();
        }
        else
        {
            ExpectSymbol("-");
        }
        var direction = forward ? MatchDirection.Forward : backward ? MatchDirection.Backward : MatchDirection.Either;
        return new MatchEdge(variable, names, direction, min, max, position);
    }

    // *n, *n..m, *..m (from 1)
    private (int Min, int Max) ParseHops()
    {
        int? min = Current.Kind == TokenKind.NumberLiteral ? ParseHopCount() : null;
        if (Current.IsSymbol(".."))
        {
            Advance();
            return (min ?? 1, ParseHopCount());
        }
        return min is { } hops ? (hops, hops) : throw Error($"expecting a number of hops at '{Current}'");
    }

    private int ParseHopCount()
    {
        if (Current.Kind != TokenKind.NumberLiteral || !int.TryParse(Current.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var hops))
        {
            throw Error($"expecting a whole number of hops at '{Current}'");
        }
        Advance();
        return hops;
    }

    private SelectClause ParseSelect()
    {
        int? top = null;
        if (Current.IsKeyword("TOP"))
        {
            Advance();
            ExpectSymbol("(");
            if (Current.Kind != TokenKind.NumberLiteral || !int.TryParse(Current.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                throw Error($"TOP takes a positive whole number, not '{Current}'");
            }
            Advance();
            ExpectSymbol(")");
            top = n;
        }
        if (Current.IsSymbol("*"))
        {
            Advance();
            return new SelectClause(top, Star: true, Count: false, []);
        }
        if (Current.IsKeyword("COUNT"))
        {
            Advance();
            ExpectSymbol("(");
            ExpectSymbol(")");
            return new SelectClause(top, Star: false, Count: true, []);
        }
        if (Current.IsKeyword("FROM") && top is not null)
        {
            // SELECT TOP(5) FROM DIGITALTWINS: whole rows, as with *.
            return new SelectClause(top, Star: true, Count: false, []);
        }
        var projections = new List<Projection> { ParseProjection() };
        while (Current.IsSymbol(","))
        {
            Advance();
            projections.Add(ParseProjection());
        }
        return new SelectClause(top, Star: false, Count: false, projections);
    }

    private Projection ParseProjection()
    {
        var path = ParsePath();
        string? alias = null;
        if (Current.IsKeyword("AS"))
        {
            Advance();
            alias = ExpectIdentifier("an alias");
        }
        return new Projection(path, alias);
    }

    private PropertyPath ParsePath()
    {
        var position = Current.Position;
        var segments = new List<string> { ExpectIdentifier("a property or collection name") };
        while (Current.IsSymbol("."))
        {
            Advance();
            segments.Add(ExpectIdentifier("a property name"));
        }
        return new PropertyPath(segments, position);
    }

    private QueryExpression ParseOr()
    {
        var left = ParseAnd();
        while (Current.IsKeyword("OR"))
        {
            var position = Advance().Position;
            CountLogical(position);
            left = new LogicalExpression(left, IsAnd: false, ParseAnd(), position);
        }
        return left;
    }

    private QueryExpression ParseAnd()
    {
        var left = ParseNot();
        while (Current.IsKeyword("AND"))
        {
            var position = Advance().Position;
            CountLogical(position);
            left = new LogicalExpression(left, IsAnd: true, ParseNot(), position);
        }
        return left;
    }

    private void CountLogical(int position)
    {
        if (++_logicalOperators > MaxLogicalOperators)
        {
            throw new QuerySyntaxException($"a query can have at most {MaxLogicalOperators} AND/OR expressions", position);
        }
    }

    private QueryExpression ParseNot()
    {
        if (Current.IsKeyword("NOT"))
        {
            var position = Advance().Position;
            Enter(position);
            var operand = ParseNot();
            _nesting--;
            return new NotExpression(operand, position);
        }
        return ParseComparison();
    }

    private QueryExpression ParseComparison()
    {
        var left = ParsePrimary();
        var position = Current.Position;
        if (Current.Kind == TokenKind.Symbol && Operator(Current.Text) is { } op)
        {
            Advance();
            return new ComparisonExpression(left, op, ParsePrimary(), position);
        }
        if (Current.IsKeyword("IN") || Current.IsKeyword("NIN"))
        {
            var negated = Advance().Text == "NIN";
            return new InExpression(left, ParseList(), negated, position);
        }
        if (Current.IsKeyword("NOT") && _tokens[_next + 1].IsKeyword("IN"))
        {
            Advance();
            Advance();
            return new InExpression(left, ParseList(), Negated: true, position);
        }
        return left;
    }

    private static ComparisonOperator? Operator(string symbol) => symbol switch
    {
        "=" => ComparisonOperator.Equal,
        "!=" or "<>" => ComparisonOperator.NotEqual,
        "<" => ComparisonOperator.Less,
        ">" => ComparisonOperator.Greater,
        "<=" => ComparisonOperator.LessOrEqual,
        ">=" => ComparisonOperator.GreaterOrEqual,
        _ => null,
    };

    private List<QueryValue> ParseList()
    {
        var position = Current.Position;
        ExpectSymbol("[");
        var values = new List<QueryValue>();
        if (!Current.IsSymbol("]"))
        {
            values.Add(ParseLiteral());
            while (Current.IsSymbol(","))
            {
                Advance();
                values.Add(ParseLiteral());
            }
        }
        ExpectSymbol("]");
        if (values.Count > MaxInItems)
        {
            throw new QuerySyntaxException($"an IN or NIN list can have at most {MaxInItems} items, this one has {values.Count}", position);
        }
        return values;
    }

    private QueryValue ParseLiteral()
    {
        var token = Current;
        if (TryLiteral(token) is { } value)
        {
            Advance();
            return value;
        }
        throw Error($"expecting a literal at '{token}'");
    }

    private static QueryValue? TryLiteral(QueryToken token) => token switch
    {
        { Kind: TokenKind.StringLiteral } => QueryValue.Of(token.Text),
        { Kind: TokenKind.NumberLiteral } when double.TryParse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => QueryValue.Of(number),
        { Kind: TokenKind.Keyword, Text: "TRUE" } => QueryValue.True,
        { Kind: TokenKind.Keyword, Text: "FALSE" } => QueryValue.False,
        { Kind: TokenKind.Keyword, Text: "NULL" } => QueryValue.Null,
        _ => null,
    };

    private QueryExpression ParsePrimary()
    {
        var token = Current;
        if (TryLiteral(token) is { } literal)
        {
            Advance();
            return new LiteralExpression(literal, token.Position);
        }
        if (token.IsSymbol("("))
        {
            Advance();
            Enter(token.Position);
            var inner = ParseOr();
            ExpectSymbol(")");
            _nesting--;
            return inner;
        }
        if (token.Kind == TokenKind.Identifier && _tokens[_next + 1].IsSymbol("("))
        {
            return ParseFunction();
        }
        if (token.Kind == TokenKind.Identifier)
        {
            return ParsePath();
        }
        throw Error(token.Kind == TokenKind.End ? "unexpected end of the query" : $"mismatched input '{token}'");
    }

    private void Enter(int position)
    {
        if (++_nesting > MaxNesting)
        {
            throw new QuerySyntaxException($"expressions nest deeper than {MaxNesting} levels", position);
        }
    }

    private FunctionExpression ParseFunction()
    {
        var name = Advance();
        Enter(name.Position);
        ExpectSymbol("(");
        var arguments = new List<QueryExpression>();
        if (!Current.IsSymbol(")"))
        {
            arguments.Add(ParseOr());
            while (Current.IsSymbol(","))
            {
                Advance();
                arguments.Add(ParseOr());
            }
        }
        ExpectSymbol(")");
        _nesting--;
        var function = new FunctionExpression(name.Text.ToUpperInvariant(), arguments, name.Position);
        QueryFunctions.CheckSignature(function);
        return function;
    }
}
