namespace PlateletTwins.MockAdt.History;

/// <summary><c>MockAdt:History</c>: on or off, and how many rows each table keeps before it drops its oldest, as a retention policy would.</summary>
public sealed class HistoryOptions
{
    /// <summary>False turns data history off (nothing recorded), e.g. to measure what it costs the write path.</summary>
    public bool Enabled { get; set; } = true;

    public int MaxRows { get; set; } = 1_000_000;
}
