namespace PlateletTwins.MockAdt.Query;

internal enum TokenKind
{
    Identifier,
    Keyword,
    StringLiteral,
    NumberLiteral,
    Symbol,
    End,
}

/// <summary>A token of the query text and where it starts (0-based offset), for errors that point at it.</summary>
internal readonly record struct QueryToken(TokenKind Kind, string Text, int Position)
{
    public bool IsKeyword(string keyword) => Kind == TokenKind.Keyword && Text == keyword;

    public bool IsSymbol(string symbol) => Kind == TokenKind.Symbol && Text == symbol;

    public override string ToString() => Kind == TokenKind.End ? "<EOF>" : Text;
}
