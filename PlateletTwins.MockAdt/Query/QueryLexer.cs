using System.Text;

namespace PlateletTwins.MockAdt.Query;

/// <summary>
/// Splits ADT's SQL dialect into tokens. Keywords are case-insensitive and come out upper-case; identifiers keep their
/// case (property names are case-sensitive); <c>[[name]]</c> escapes a property named like a keyword.
/// </summary>
internal static class QueryLexer
{
    public static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "SELECT", "FROM", "WHERE", "JOIN", "RELATED", "AS", "AND", "OR", "NOT", "IN", "NIN", "TOP", "COUNT",
        "DIGITALTWINS", "RELATIONSHIPS", "TRUE", "FALSE", "NULL", "MATCH",
    };

    private static readonly string[] TwoCharacterSymbols = ["!=", "<>", "<=", ">=", "->", "<-", ".."];

    public static List<QueryToken> Tokenize(string text)
    {
        var tokens = new List<QueryToken>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            if (i >= text.Length)
            {
                tokens.Add(new QueryToken(TokenKind.End, "", text.Length));
                return tokens;
            }
            var start = i;
            var c = text[i];
            if (c == '\'' || c == '"')
            {
                tokens.Add(new QueryToken(TokenKind.StringLiteral, ReadString(text, ref i, c), start));
            }
            else if (char.IsAsciiDigit(c) || (c is '-' or '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) && !PrecededByOperand(tokens)))
            {
                tokens.Add(new QueryToken(TokenKind.NumberLiteral, ReadNumber(text, ref i), start));
            }
            else if (c == '[' && i + 1 < text.Length && text[i + 1] == '[')
            {
                var end = text.IndexOf("]]", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new QuerySyntaxException("missing ']]'", start);
                }
                tokens.Add(new QueryToken(TokenKind.Identifier, text[(i + 2)..end], start));
                i = end + 2;
            }
            else if (char.IsLetter(c) || c is '_' or '$')
            {
                i++;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '$'))
                {
                    i++;
                }
                var word = text[start..i];
                tokens.Add(Keywords.Contains(word)
                    ? new QueryToken(TokenKind.Keyword, word.ToUpperInvariant(), start)
                    : new QueryToken(TokenKind.Identifier, word, start));
            }
            else
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
                if (TwoCharacterSymbols.Contains(two))
                {
                    tokens.Add(new QueryToken(TokenKind.Symbol, two, start));
                    i += 2;
                }
                else if ("*(),.=<>[]-:|{}".Contains(c, StringComparison.Ordinal))
                {
                    tokens.Add(new QueryToken(TokenKind.Symbol, c.ToString(), start));
                    i++;
                }
                else
                {
                    throw new QuerySyntaxException($"token recognition error at: '{c}'", start);
                }
            }
        }
    }

    // "x-1" has no signed number in it; "= -1" has.
    private static bool PrecededByOperand(List<QueryToken> tokens) =>
        tokens.Count > 0 && tokens[^1].Kind is TokenKind.Identifier or TokenKind.NumberLiteral or TokenKind.StringLiteral
        || tokens.Count > 0 && tokens[^1].IsSymbol(")");

    private static string ReadString(string text, ref int i, char quote)
    {
        var start = i;
        var value = new StringBuilder();
        i++;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                // ADT escapes a quote inside a literal with a backslash: 'D\'Souza'.
                value.Append(text[i + 1]);
                i += 2;
            }
            else if (c == quote)
            {
                i++;
                return value.ToString();
            }
            else
            {
                value.Append(c);
                i++;
            }
        }
        throw new QuerySyntaxException("missing closing quote of a string literal", start);
    }

    private static string ReadNumber(string text, ref int i)
    {
        var start = i;
        if (text[i] == '-')
        {
            i++;
        }
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.' && !(i + 1 < text.Length && text[i + 1] == '.')))
        {
            i++;
        }
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }
        return text[start..i];
    }
}
