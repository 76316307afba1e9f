namespace PlateletTwins.MockAdt.Twins;

/// <summary>RFC 6901 JSON Pointers, as JSON Patch paths use them.</summary>
public static class JsonPointer
{
    public static string[]? Parse(string text)
    {
        if (text.Length == 0 || text[0] != '/')
        {
            return null;
        }
        return [.. text[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];
    }
}
