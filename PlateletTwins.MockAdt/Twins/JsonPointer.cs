namespace PlateletTwins.MockAdt.Twins;

/// <summary>RFC 6901 JSON Pointers, as JSON Patch paths use them.</summary>
internal static class JsonPointer
{
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
}
