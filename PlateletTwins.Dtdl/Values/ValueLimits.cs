namespace PlateletTwins.Dtdl.Values;

/// <summary>ADT's service limits on values (reference-service-limits), which every writer of twins must respect.</summary>
public static class ValueLimits
{
    /// <summary>A string property value: at most 4 KB of UTF-8.</summary>
    public const int MaxStringBytes = 4 * 1024;

    /// <summary>A property name, so a map key, which is a property name in the twin's JSON: at most 1 KB of UTF-8.</summary>
    public const int MaxPropertyNameBytes = 1024;
}
