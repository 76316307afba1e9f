namespace PlateletTwins.Benchmarks;

/// <summary>PASS or FAIL lines, each with its figures; a part that checks what it measured fails if any does.</summary>
internal sealed class Checks
{
    public int Failed { get; private set; }

    public void Add(bool passed, string what)
    {
        Failed += passed ? 0 : 1;
        Console.WriteLine($"  {(passed ? "PASS" : "FAIL")}  {what}");
    }

    /// <summary>The last line of the part: whether every check passed.</summary>
    public int Conclude()
    {
        Console.WriteLine(Failed == 0 ? "  all checks pass" : $"  {Failed} checks fail");
        return Failed == 0 ? 0 : 1;
    }
}
