namespace PlateletTwins.MockAdt.Limits;

/// <summary>A budget a request spends: a twin's own (<see cref="Twin"/> set) or a row of the instance's table.</summary>
internal readonly record struct Budget(ApiCategory Category, string? Twin)
{
    /// <summary>As the 429's <c>x-mockadt-budget</c> header says it: <c>twin agitator-01</c> (the id escaped as in a URL) or <c>instance CreateOrDelete</c>.</summary>
    public override string ToString() => Twin is null ? $"instance {Category}" : $"twin {Uri.EscapeDataString(Twin)}";
}
