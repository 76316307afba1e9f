using PlateletTwins.MockAdt.Store;

namespace PlateletTwins.MockAdt.Query;

/// <summary>
/// Evaluates expressions on a row with the three-valued logic of the dialect: a comparison involving a missing property
/// or values of different types is neither true nor false, and a row is kept only when WHERE is true.
/// </summary>
internal sealed class QueryEvaluator(ModelStore models)
{
    public bool Matches(QueryExpression? where, QueryRow row) => where is null || Evaluate(where, row).IsTrue;

    public QueryValue Evaluate(QueryExpression expression, QueryRow row) => expression switch
    {
        LiteralExpression literal => literal.Value,
        PropertyPath path => row.Read(path),
        ComparisonExpression comparison => Compare(comparison, row),
        LogicalExpression logical => Logical(logical, row),
        NotExpression not => Evaluate(not.Operand, row) is { Kind: QueryValueKind.Boolean } operand ? QueryValue.Of(!operand.Boolean) : QueryValue.Undefined,
        InExpression @in => In(@in, row),
        FunctionExpression function => Call(function, row),
        _ => throw new InvalidOperationException($"Unknown expression {expression.GetType().Name}."),
    };

    private QueryValue Compare(ComparisonExpression comparison, QueryRow row)
    {
        var left = Evaluate(comparison.Left, row);
        var right = Evaluate(comparison.Right, row);
        if (comparison.Operator is ComparisonOperator.Equal or ComparisonOperator.NotEqual)
        {
            return QueryValue.Equal(left, right) is { } equal
                ? QueryValue.Of(equal == (comparison.Operator == ComparisonOperator.Equal))
                : QueryValue.Undefined;
        }
        return QueryValue.Compare(left, right) is not { } order ? QueryValue.Undefined : QueryValue.Of(comparison.Operator switch
        {
            ComparisonOperator.Less => order < 0,
            ComparisonOperator.Greater => order > 0,
            ComparisonOperator.LessOrEqual => order <= 0,
            _ => order >= 0,
        });
    }

    private QueryValue Logical(LogicalExpression logical, QueryRow row)
    {
        var left = Evaluate(logical.Left, row);
        // Short-circuit as SQL does: false AND x, true OR x.
        if (left.Kind == QueryValueKind.Boolean && left.Boolean != logical.IsAnd)
        {
            return left;
        }
        var right = Evaluate(logical.Right, row);
        if (right.Kind == QueryValueKind.Boolean && right.Boolean != logical.IsAnd)
        {
            return right;
        }
        return left.Kind == QueryValueKind.Boolean && right.Kind == QueryValueKind.Boolean ? left : QueryValue.Undefined;
    }

    private QueryValue In(InExpression @in, QueryRow row)
    {
        var operand = Evaluate(@in.Operand, row);
        if (!operand.IsPrimitive)
        {
            return QueryValue.Undefined;
        }
        var found = @in.Values.Any(v => QueryValue.Equal(operand, v) == true);
        return QueryValue.Of(found != @in.Negated);
    }

    private QueryValue Call(FunctionExpression function, QueryRow row)
    {
        if (function.Name == "IS_OF_MODEL")
        {
            var (alias, model, exact) = QueryFunctions.OfModelArguments(function);
            if (row.Binding(alias)?.Twin is not { } twin)
            {
                return QueryValue.False;
            }
            return QueryValue.Of(IsOfModel(twin.ModelId, model, exact));
        }
        var value = Evaluate(function.Arguments[0], row);
        switch (function.Name)
        {
            case "IS_DEFINED":
                return QueryValue.Of(value.Kind != QueryValueKind.Undefined);
            case "IS_NULL":
                return QueryValue.Of(value.Kind == QueryValueKind.Null);
            case "IS_BOOL":
                return QueryValue.Of(value.Kind == QueryValueKind.Boolean);
            case "IS_NUMBER":
                return QueryValue.Of(value.Kind == QueryValueKind.Number);
            case "IS_STRING":
                return QueryValue.Of(value.Kind == QueryValueKind.Text);
            case "IS_PRIMITIVE":
                return QueryValue.Of(value.IsPrimitive);
            case "IS_OBJECT":
                return QueryValue.Of(value.Kind == QueryValueKind.Document);
        }
        var argument = Evaluate(function.Arguments[1], row);
        if (function.Name == "ARRAY_CONTAINS")
        {
            return value.Kind != QueryValueKind.Array
                ? QueryValue.Undefined
                : QueryValue.Of(value.Element.EnumerateArray().Any(e => QueryValue.Equal(QueryValue.Of(e), argument) == true));
        }
        if (value.Kind != QueryValueKind.Text || argument.Kind != QueryValueKind.Text)
        {
            return QueryValue.Undefined;
        }
        return QueryValue.Of(function.Name switch
        {
            "STARTSWITH" => value.Text!.StartsWith(argument.Text!, StringComparison.Ordinal),
            "ENDSWITH" => value.Text!.EndsWith(argument.Text!, StringComparison.Ordinal),
            _ => value.Text!.Contains(argument.Text!, StringComparison.Ordinal),
        });
    }

    /// <summary>Whether a twin of <paramref name="twinModel"/> is of <paramref name="model"/>: the same, or (unless exact) extending it.</summary>
    public bool IsOfModel(string twinModel, string model, bool exact) =>
        exact ? twinModel == model : twinModel == model || models.Resolve(twinModel)?.Ancestors.Contains(model) == true;
}
