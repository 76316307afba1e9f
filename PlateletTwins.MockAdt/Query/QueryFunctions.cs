namespace PlateletTwins.MockAdt.Query;

/// <summary>The functions of the dialect and how many arguments each takes.</summary>
internal static class QueryFunctions
{
    private static readonly Dictionary<string, (int Min, int Max)> Arity = new(StringComparer.Ordinal)
    {
        ["IS_OF_MODEL"] = (1, 3),
        ["IS_DEFINED"] = (1, 1),
        ["IS_NULL"] = (1, 1),
        ["IS_BOOL"] = (1, 1),
        ["IS_NUMBER"] = (1, 1),
        ["IS_STRING"] = (1, 1),
        ["IS_PRIMITIVE"] = (1, 1),
        ["IS_OBJECT"] = (1, 1),
        ["STARTSWITH"] = (2, 2),
        ["ENDSWITH"] = (2, 2),
        ["CONTAINS"] = (2, 2),
        ["ARRAY_CONTAINS"] = (2, 2),
    };

    public static void CheckSignature(FunctionExpression function)
    {
        if (!Arity.TryGetValue(function.Name, out var arity))
        {
            throw new QuerySyntaxException($"'{function.Name}' is not a function of the query language", function.Position);
        }
        if (function.Arguments.Count < arity.Min || function.Arguments.Count > arity.Max)
        {
            throw new QuerySyntaxException($"{function.Name} takes {(arity.Min == arity.Max ? arity.Min.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{arity.Min} to {arity.Max}")} arguments, not {function.Arguments.Count}", function.Position);
        }
        if (function.Name == "IS_OF_MODEL")
        {
            if (!function.Arguments.Any(a => a is LiteralExpression { Value.Kind: QueryValueKind.Text }))
            {
                throw new QuerySyntaxException("IS_OF_MODEL needs a model id as a string, e.g. IS_OF_MODEL('dtmi:example:Room;1')", function.Position);
            }
            // The arguments' order and kinds, checked while parsing so that evaluation can rely on them.
            OfModelArguments(function);
        }
    }

    /// <summary>The parts of an IS_OF_MODEL call: <c>IS_OF_MODEL([alias,] 'dtmi' [, exact])</c>.</summary>
    public static (string? Alias, string Model, bool Exact) OfModelArguments(FunctionExpression function)
    {
        string? alias = null;
        string? model = null;
        var exact = false;
        foreach (var argument in function.Arguments)
        {
            switch (argument)
            {
                case LiteralExpression { Value.Kind: QueryValueKind.Text } literal when model is null:
                    model = literal.Value.Text!;
                    break;
                case PropertyPath { Segments.Count: 1 } path when model is not null && path.Segments[0].Equals("exact", StringComparison.OrdinalIgnoreCase):
                    exact = true;
                    break;
                case PropertyPath { Segments.Count: 1 } path when model is null && alias is null:
                    alias = path.Segments[0];
                    break;
                default:
                    throw new QuerySyntaxException("IS_OF_MODEL takes ([alias,] 'model id' [, exact])", argument.Position);
            }
        }
        return (alias, model!, exact);
    }
}
