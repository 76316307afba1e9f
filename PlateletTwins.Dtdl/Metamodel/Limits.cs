namespace PlateletTwins.Dtdl.Metamodel;

/// <summary>The limits of a DTDL version that no single property row states (DTDL v2 and v3, section "Limits").</summary>
public sealed record Limits
{
    /// <summary>Levels of <c>extends</c> below an Interface (a chain of 11 Interfaces has 10 levels).</summary>
    public int MaxExtendsDepth { get; init; } = 10;

    /// <summary>Interfaces in the whole <c>extends</c> hierarchy of one Interface; null when unlimited.</summary>
    public int? MaxExtendsTotal { get; init; }

    /// <summary>Levels of complex schemas within a schema.</summary>
    public int MaxSchemaDepth { get; init; } = 5;

    /// <summary>Contents of an Interface with what it inherits; null when unlimited.</summary>
    public int? MaxContentsTotal { get; init; }

    public int MaxIdLength { get; init; } = 2048;

    public int MaxInterfaceIdLength { get; init; } = 128;
}
