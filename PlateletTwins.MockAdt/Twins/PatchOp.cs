using System.Collections.Frozen;

namespace PlateletTwins.MockAdt.Twins;

/// <summary>ADT's JSON Patch operations: RFC 6902's add, replace and remove (not move, copy or test).</summary>
internal enum PatchOp
{
    Add,
    Replace,
    Remove,
}

/// <summary>The operations' names in a patch document: RFC 6902's, lower case and matched exactly.</summary>
internal static class PatchOps
{
    private static readonly FrozenDictionary<string, PatchOp> ByName =
        Enum.GetValues<PatchOp>().ToFrozenDictionary(Name, StringComparer.Ordinal);

    public static string Name(this PatchOp op) => op.ToString().ToLowerInvariant();

    /// <summary>The operation of that exact name, or null for any other (move, copy, test, "Add").</summary>
    public static PatchOp? Parse(string name) => ByName.TryGetValue(name, out var op) ? op : null;
}
