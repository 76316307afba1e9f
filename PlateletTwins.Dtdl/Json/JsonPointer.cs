namespace PlateletTwins.Dtdl.Json;

/// <summary>RFC 6901 JSON Pointers, as JSON Patch paths use them: built by the writer of a patch, read by its receiver.</summary>
public static class JsonPointer
{
    /// <summary>The pointer to the member <paramref name="name"/> of the document's root: <c>/</c> and the escaped name.</summary>
    public static string ToMember(string name) => "/" + Escape(name);

    /// <summary>The reference tokens of <paramref name="text"/>; null when it is not a pointer (no leading '/', or a '~' not followed by 0 or 1).</summary>
    public static string[]? Parse(string text)
    {
        if (text.Length == 0 || text[0] != '/')
        {
            return null;
        }
        var segments = text[1..].Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            for (var at = segment.IndexOf('~', StringComparison.Ordinal); at >= 0; at = segment.IndexOf('~', at + 1))
            {
                if (at + 1 >= segment.Length || segment[at + 1] is not ('0' or '1'))
                {
                    return null;
                }
            }
            segments[i] = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        }
        return segments;
    }

    // '~' first, so that the '~' of an escaped '/' is not escaped again.
    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
