namespace PlateletTwins.MockAdt.Query;

/// <summary>A query that does not parse or breaks a rule of the dialect, with the 0-based offset it was found at.</summary>
internal sealed class QuerySyntaxException(string message, int position) : Exception(message)
{
    public int Position { get; } = position;
}
