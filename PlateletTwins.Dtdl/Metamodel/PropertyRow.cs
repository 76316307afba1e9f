namespace PlateletTwins.Dtdl.Metamodel;

/// <summary>What a property's values are.</summary>
public enum ValueKind
{
    /// <summary>A JSON string (or a value object holding one).</summary>
    StringLiteral,

    /// <summary>A JSON integer.</summary>
    IntegerLiteral,

    /// <summary>A JSON boolean.</summary>
    BooleanLiteral,

    /// <summary>A JSON string or integer (an enum value).</summary>
    ScalarLiteral,

    /// <summary>A localizable string: a string, a language map, or value objects with <c>@language</c>.</summary>
    LangString,

    /// <summary>An element: an object defined inline, a DTMI reference, or a term naming a standard instance.</summary>
    Element,
}

/// <summary>
/// One property of a class, a row of the metamodel: how many values it takes, of what kind, within what limits.
/// The rows state the facts of the DTDL language specifications (v2, v3) and of the extension specifications.
/// </summary>
public sealed record PropertyRow(string Name, ValueKind Kind)
{
    public int MinCount { get; init; }

    /// <summary>Null: any number of values.</summary>
    public int? MaxCount { get; init; } = 1;

    public int? MaxLength { get; init; }

    /// <summary>A syntax the string values must have (see <see cref="StringPattern"/>).</summary>
    public StringPattern Pattern { get; init; }

    public long? MinValue { get; init; }

    public long? MaxValue { get; init; }

    /// <summary>Element values must be of one of these classes (or of a class that descends from one).</summary>
    public IReadOnlyList<string> Classes { get; init; } = [];

    /// <summary>The class an inline value without <c>@type</c> takes; null when <c>@type</c> is required.</summary>
    public string? InferredClass { get; init; }

    /// <summary>Element values must have distinct values of this property (e.g. distinct <c>name</c>s within <c>contents</c>).</summary>
    public string? UniqueBy { get; init; }

    /// <summary>Element values may be given inline (an object); false when only a reference or a term is allowed.</summary>
    public bool AllowsInline { get; init; } = true;

    /// <summary>An inline value may bring in an earlier DTDL version with its own <c>@context</c>.</summary>
    public bool AcceptsEarlierVersion { get; init; } = true;

    /// <summary>Inline element values must have an <c>@id</c> (the reusable schemas of <c>schemas</c>).</summary>
    public bool RequiresId { get; init; }

    /// <summary>Element values may be DTMI references to elements defined elsewhere.</summary>
    public bool AllowsReference { get; init; } = true;

    /// <summary>Element values of these classes are refused even where <see cref="Classes"/> would take them, at any depth of schema.</summary>
    public IReadOnlyList<string> ExcludedClasses { get; init; } = [];

    /// <summary>The extension context that defines the property; null for the language itself.</summary>
    public string? Extension { get; init; }
}

/// <summary>String syntaxes a property may require.</summary>
public enum StringPattern
{
    None,

    /// <summary>A DTDL name: a letter, then letters, digits and underscores, not ending with an underscore.</summary>
    Name,
}
