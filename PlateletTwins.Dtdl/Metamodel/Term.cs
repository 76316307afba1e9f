namespace PlateletTwins.Dtdl.Metamodel;

/// <summary>What a term (or an IRI) of a context stands for.</summary>
public enum TermKind
{
    Class,
    Property,

    /// <summary>A standard element, such as the schema <c>double</c> or the unit <c>degreeCelsius</c>.</summary>
    Instance,
}

/// <summary>A definition a context gives: a term's meaning, and, for an instance, its class.</summary>
public sealed record Term(string Name, TermKind Kind, string Iri)
{
    /// <summary>For an instance: the class it is an element of.</summary>
    public string? InstanceClass { get; init; }
}
