namespace PlateletTwins.Dtdl;

/// <summary>
/// The one rule for twin ids, which the simulator applies to the ids of a lab file and the intake to every id a run
/// sends. ADT publishes no grammar for twin ids; it only answers InvalidArgument to an invalid one. A twin id is a path
/// segment of every ADT URL and part of the relationship ids provisioning derives from it, so the rule takes only what
/// needs no escaping anywhere and cannot be read as something else: a letter or digit first (no leading <c>.</c> of a
/// relative path, <c>-</c> of an option, <c>:</c> of a scheme), then letters, digits and <c>- . _ ~ :</c>, at most 128.
/// </summary>
public static class TwinIds
{
    /// <summary>The longest twin id taken.</summary>
    public const int MaxLength = 128;

    /// <summary>The rule in words, for error messages.</summary>
    public const string Rule = "a letter or digit, then letters, digits and - . _ ~ :, at most 128 characters";

    /// <summary>
    /// The rule as a JSON Schema pattern, as the lab file's schema writes it. <c>(?!\n)</c>: .NET's <c>$</c>, which
    /// validators built on .NET use, also matches before a final newline (ECMA-262's, an editor's, does not).
    /// </summary>
    public const string SchemaPattern = @"^[A-Za-z0-9][A-Za-z0-9._~:-]{0,127}(?!\n)$";

    /// <summary>
    /// The twin of one of a lab's own elements (a device, a pool): named within the lab, <c>{labId}.{localId}</c>, so
    /// that labs sharing one ADT instance never write each other's twins, and a query can pick a lab by prefix.
    /// </summary>
    public static string InLab(string labId, string localId) => $"{labId}.{localId}";

    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength || !char.IsAsciiLetterOrDigit(id[0]))
        {
            return false;
        }
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or ':'))
            {
                return false;
            }
        }
        return true;
    }
}
