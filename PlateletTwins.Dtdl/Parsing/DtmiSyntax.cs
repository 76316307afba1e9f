namespace PlateletTwins.Dtdl.Parsing;

/// <summary>
/// The DTMI syntax (DTDL v2 and v3, section "Digital Twin Model Identifier"), scanned by hand: path segments of a letter,
/// then letters, digits and underscores, not ending with an underscore; a version that v2 requires (1 to 9 digits, no
/// leading zero) and v3 makes optional and lets have a minor part (1 to 6 digits, no leading or trailing zero).
/// </summary>
internal static class DtmiSyntax
{
    public const string ReservedDtdl = "dtmi:dtdl:";
    public const string ReservedStandard = "dtmi:standard:";

    public static bool IsValid(string s, int version, bool allowFragment = false)
    {
        if (!s.StartsWith("dtmi:", StringComparison.Ordinal))
        {
            return false;
        }
        var i = 5;
        if (!Segments(s, ref i, ':'))
        {
            return false;
        }
        if (i < s.Length && s[i] == ';')
        {
            i++;
            if (!Number(s, ref i, 9))
            {
                return false;
            }
            if (i < s.Length && s[i] == '.')
            {
                if (version < 3)
                {
                    return false;
                }
                i++;
                if (!Number(s, ref i, 6))
                {
                    return false;
                }
            }
        }
        else if (version < 3)
        {
            return false;
        }
        if (i < s.Length && s[i] == '#')
        {
            if (!allowFragment)
            {
                return false;
            }
            i++;
            if (!Segment(s, ref i))
            {
                return false;
            }
        }
        return i == s.Length;
    }

    /// <summary>A DTMI with no version at all (for a context specifier that forgot it).</summary>
    public static bool IsValidUnversioned(string s)
    {
        if (!s.StartsWith("dtmi:", StringComparison.Ordinal))
        {
            return false;
        }
        var i = 5;
        return Segments(s, ref i, ':') && i == s.Length;
    }

    /// <summary>Prefixes reserved for the language and its standard elements.</summary>
    public static bool IsReserved(string id) =>
        id.StartsWith(ReservedDtdl, StringComparison.Ordinal) || id.StartsWith(ReservedStandard, StringComparison.Ordinal);

    private static bool Segments(string s, ref int i, char separator)
    {
        if (!Segment(s, ref i))
        {
            return false;
        }
        while (i < s.Length && s[i] == separator)
        {
            i++;
            if (!Segment(s, ref i))
            {
                return false;
            }
        }
        return true;
    }

    private static bool Segment(string s, ref int i)
    {
        if (i >= s.Length || !char.IsAsciiLetter(s[i]))
        {
            return false;
        }
        i++;
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '_'))
        {
            i++;
        }
        return s[i - 1] != '_';
    }

    private static bool Number(string s, ref int i, int maxDigits)
    {
        var start = i;
        if (i >= s.Length || s[i] is < '1' or > '9')
        {
            return false;
        }
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }
        return i - start <= maxDigits;
    }
}
