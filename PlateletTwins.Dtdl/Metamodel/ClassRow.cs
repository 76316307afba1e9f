namespace PlateletTwins.Dtdl.Metamodel;

/// <summary>
/// One class of a DTDL version's metamodel. A material class gives an element its kind (Interface, Property,
/// Object, …); a supplemental class (a semantic type, Historized, ValueAnnotation, …) is a co-type that adds
/// properties to elements of the classes it applies to.
/// </summary>
public sealed record ClassRow(string Name, string? Parent)
{
    /// <summary>Abstract classes group others (Schema, Content); no element has one as its own type.</summary>
    public bool Abstract { get; init; }

    public IReadOnlyList<PropertyRow> Properties { get; init; } = [];

    /// <summary>The class has only the language's standard elements (the primitive schemas, units): none may be defined.</summary>
    public bool StandardOnly { get; init; }

    /// <summary>Elements of this class must have an <c>@id</c>.</summary>
    public bool IdRequired { get; init; }

    /// <summary>Elements of this class may stand at the top level of a document.</summary>
    public bool Rootable { get; init; }

    /// <summary>An element of this class, with what it holds, is a partition: others refer only to its root.</summary>
    public bool Partition { get; init; }

    /// <summary>A co-type that may be added to elements of <see cref="AppliesTo"/>; not a material class.</summary>
    public bool Supplemental { get; init; }

    /// <summary>For a supplemental class: the material classes it may be added to.</summary>
    public IReadOnlyList<string> AppliesTo { get; init; } = [];

    /// <summary>For a supplemental class: it needs one of these co-types beside it (e.g. Override needs ValueAnnotation).</summary>
    public IReadOnlyList<string> RequiresCotype { get; init; } = [];

    /// <summary>For a supplemental class: the standard schemas the element's <c>schema</c> must be one of (none: any).</summary>
    public IReadOnlyList<string> RequiredSchemas { get; init; } = [];

    /// <summary>The extension context that defines the class; null for the language itself.</summary>
    public string? Extension { get; init; }

    /// <summary>The class's IRI when it is not <c>dtmi:dtdl:class:NAME;VERSION</c> (semantic types, units).</summary>
    public string? Iri { get; init; }

    /// <summary>For a semantic type: the unit enumeration its <c>unit</c> takes values of.</summary>
    public string? UnitType { get; init; }
}
