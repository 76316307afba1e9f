namespace PlateletTwins.MockAdt.Limits;

/// <summary>
/// The twins whose own budget a request spends (at most three), in the order it spends them: the twin it writes, then,
/// for a relationship, the twins at the other end (<see cref="RelationshipBudgets"/>); none for a request that writes no
/// twin. A request feature set before the rate limiter runs, and the partition key of the rate-limiting policies.
/// </summary>
internal sealed record WrittenTwins(string? First, string? Second = null, string? Third = null)
{
    public static readonly WrittenTwins None = new((string?)null);

    public static WrittenTwins Of(IReadOnlyList<string> twins) => twins.Count switch
    {
        0 => None,
        1 => new(twins[0]),
        2 => new(twins[0], twins[1]),
        3 => new(twins[0], twins[1], twins[2]),
        _ => throw new ArgumentOutOfRangeException(nameof(twins), "A write touches at most three twins."),
    };

    public int Count => First is null ? 0 : Second is null ? 1 : Third is null ? 2 : 3;

    public string this[int index] => index switch
    {
        0 when First is not null => First,
        1 when Second is not null => Second,
        2 when Third is not null => Third,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };
}
