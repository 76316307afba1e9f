using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.JsonLd;
using PlateletTwins.Dtdl.Metamodel;
using PlateletTwins.Dtdl.Model;

namespace PlateletTwins.Dtdl.Parsing;

/// <summary>
/// One element read from the JSON-LD: its class and co-types, identifier and property values, before the rules that
/// span elements have run. The object model (<see cref="DtdlInterface"/>, <see cref="DtdlSchema"/>) is built from these.
/// </summary>
internal sealed class Element(ClassRow @class, ContextScope scope, JsonObject source)
{
    public ClassRow Class { get; } = @class;

    public List<ClassRow> Cotypes { get; } = [];

    /// <summary>Co-types no table defines (v2 takes them, and keeps them for the object model).</summary>
    public List<string> UndefinedCotypes { get; } = [];

    public ContextScope Scope { get; } = scope;

    public JsonObject Source { get; } = source;

    /// <summary>The <c>@id</c> given in the document; null when the element has none.</summary>
    public string? Id { get; set; }

    private string? _describe;

    /// <summary>How messages name the element: its id, or its parent and the property and name that lead to it.</summary>
    public string Describe => _describe ??= Id ?? (Parent is null ? "Top-level element"
        : NameText is null ? $"{Parent.Describe} has '{ParentProperty}' value" : $"{Parent.Describe} has '{ParentProperty}' value with name '{NameText}'");

    /// <summary>The element's name as the document gives it, for messages.</summary>
    public string? NameText { get; set; }

    public Element? Parent { get; set; }

    public string? ParentProperty { get; set; }

    /// <summary>The Interface at the root of the partition the element belongs to.</summary>
    public Element? Partition { get; set; }

    public Dictionary<string, List<object>> Values { get; } = new(StringComparer.Ordinal);

    public int Version => Scope.Version;

    public bool Is(string className) => Scope.Metamodel.IsA(Class.Name, className);

    public bool HasCotype(string name) => Cotypes.Any(c => c.Name == name);

    public string? Name => String("name");

    public string? String(string property) => Values.TryGetValue(property, out var v) && v.Count > 0 && v[0] is string s ? s : null;

    public IEnumerable<object> All(string property) => Values.TryGetValue(property, out var v) ? v : [];

    public IEnumerable<Element> Children(string property) => All(property).OfType<Element>();
}

/// <summary>An element value given by its DTMI, to be resolved against the upload and the accepted models.</summary>
internal sealed record Reference(string Dtmi);

/// <summary>A localizable string: language code to text.</summary>
internal sealed class LangString : Dictionary<string, string>
{
    public LangString() : base(StringComparer.Ordinal)
    {
    }
}
