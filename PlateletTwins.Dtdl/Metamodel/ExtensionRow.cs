namespace PlateletTwins.Dtdl.Metamodel;

/// <summary>
/// A language extension: the context that brings it in (e.g. <c>dtmi:dtdl:extension:historization;1</c>) and the
/// classes, properties and instances it defines.
/// </summary>
public sealed record ExtensionRow(string Context)
{
    public IReadOnlyList<ClassRow> Classes { get; init; } = [];

    /// <summary>Standard elements it defines (units, unit enumerations), by term.</summary>
    public IReadOnlyList<Term> Instances { get; init; } = [];

    /// <summary>The context without its version, e.g. <c>dtmi:dtdl:extension:historization</c>.</summary>
    public string Family => Context[..Context.LastIndexOf(';')];
}
