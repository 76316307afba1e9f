using System.Collections.Frozen;

namespace PlateletTwins.Dtdl.Metamodel;

/// <summary>
/// The metamodel of one DTDL version, as the engine reads it: classes with their properties, the terms of the
/// version's context, the extensions it can bring in, and its limits. The versions differ only in these tables.
/// </summary>
public sealed class DtdlMetamodel
{
    private readonly FrozenDictionary<string, ClassRow> _classes;
    private readonly FrozenDictionary<string, Term> _coreTerms;
    private readonly FrozenDictionary<string, Term> _coreIris;
    private readonly FrozenDictionary<string, ExtensionRow> _extensions;
    private readonly FrozenDictionary<string, FrozenDictionary<string, Term>> _extensionTerms;
    private readonly FrozenDictionary<string, FrozenDictionary<string, PropertyRow>> _properties;
    private readonly FrozenDictionary<string, FrozenSet<string>> _ancestors;

    public DtdlMetamodel(int version, IEnumerable<ClassRow> classes, IEnumerable<Term> instances, IEnumerable<ExtensionRow> extensions, Limits limits,
        bool undefinedTermsAllowed)
    {
        Version = version;
        Limits = limits;
        UndefinedTermsAllowed = undefinedTermsAllowed;
        var extensionList = extensions.ToList();
        var allClasses = classes.Concat(extensionList.SelectMany(e => e.Classes)).GroupBy(c => c.Name).Select(g => g.First()).ToList();
        _classes = allClasses.ToFrozenDictionary(c => c.Name, StringComparer.Ordinal);
        ContextIri = $"dtmi:dtdl:context;{version}";

        var core = new Dictionary<string, Term>(StringComparer.Ordinal);
        foreach (var c in classes)
        {
            core[c.Name] = new Term(c.Name, TermKind.Class, ClassIri(c));
            foreach (var p in c.Properties)
            {
                core.TryAdd(p.Name, new Term(p.Name, TermKind.Property, $"dtmi:dtdl:property:{p.Name};{version}"));
            }
        }
        foreach (var i in instances)
        {
            core[i.Name] = i;
        }
        _coreTerms = core.ToFrozenDictionary(StringComparer.Ordinal);
        _coreIris = core.Values.GroupBy(t => t.Iri).ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        _extensions = extensionList.ToFrozenDictionary(e => e.Context, StringComparer.Ordinal);
        _extensionTerms = extensionList.ToFrozenDictionary(e => e.Context, e =>
        {
            var terms = new Dictionary<string, Term>(StringComparer.Ordinal);
            foreach (var c in e.Classes)
            {
                terms[c.Name] = new Term(c.Name, TermKind.Class, c.Iri ?? $"{e.Family}:class:{c.Name}");
                foreach (var p in c.Properties)
                {
                    terms.TryAdd(p.Name, new Term(p.Name, TermKind.Property, $"{e.Family}:property:{p.Name}"));
                }
            }
            foreach (var i in e.Instances)
            {
                terms[i.Name] = i;
            }
            return terms.ToFrozenDictionary(StringComparer.Ordinal);
        }, StringComparer.Ordinal);

        _ancestors = allClasses.ToFrozenDictionary(c => c.Name, c =>
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            for (var cur = c; cur is not null && set.Add(cur.Name); cur = cur.Parent is { } p && _classes.TryGetValue(p, out var pc) ? pc : null)
            {
            }
            return set.ToFrozenSet(StringComparer.Ordinal);
        }, StringComparer.Ordinal);

        // A class's properties are its own and its ancestors'.
        _properties = allClasses.ToFrozenDictionary(c => c.Name, c =>
        {
            var props = new Dictionary<string, PropertyRow>(StringComparer.Ordinal);
            for (var cur = c; cur is not null; cur = cur.Parent is { } p && _classes.TryGetValue(p, out var pc) ? pc : null)
            {
                foreach (var row in cur.Properties)
                {
                    props.TryAdd(row.Name, row);
                }
            }
            return props.ToFrozenDictionary(StringComparer.Ordinal);
        }, StringComparer.Ordinal);
        AllPropertyNames = allClasses.SelectMany(c => c.Properties).Select(p => p.Name).ToFrozenSet(StringComparer.Ordinal);
    }

    public int Version { get; }

    public string ContextIri { get; }

    public Limits Limits { get; }

    /// <summary>DTDL v2 ignores undefined co-types and properties; v3 refuses them.</summary>
    public bool UndefinedTermsAllowed { get; }

    /// <summary>Every property name any class of the version or its extensions defines.</summary>
    public IReadOnlySet<string> AllPropertyNames { get; }

    public ClassRow? Class(string name) => _classes.GetValueOrDefault(name);

    public bool IsA(string className, string ancestor) => _ancestors.TryGetValue(className, out var set) && set.Contains(ancestor);

    public bool IsAny(string className, IReadOnlyList<string> ancestors)
    {
        foreach (var a in ancestors)
        {
            if (IsA(className, a))
            {
                return true;
            }
        }
        return false;
    }

    public PropertyRow? Property(string className, string property) =>
        _properties.TryGetValue(className, out var props) ? props.GetValueOrDefault(property) : null;

    public IEnumerable<PropertyRow> Properties(string className) =>
        _properties.TryGetValue(className, out var props) ? props.Values : [];

    public Term? CoreTerm(string term) => _coreTerms.GetValueOrDefault(term);

    public Term? CoreIri(string iri) => _coreIris.GetValueOrDefault(iri);

    public ExtensionRow? Extension(string context) => _extensions.GetValueOrDefault(context);

    public IEnumerable<ExtensionRow> Extensions => _extensions.Values;

    public IReadOnlyDictionary<string, Term> ExtensionTerms(string context) =>
        _extensionTerms.TryGetValue(context, out var terms) ? terms : FrozenDictionary<string, Term>.Empty;

    public Term? ExtensionTerm(string context, string term) =>
        _extensionTerms.TryGetValue(context, out var terms) ? terms.GetValueOrDefault(term) : null;

    private string ClassIri(ClassRow c) => c.Iri ?? $"dtmi:dtdl:class:{c.Name};{Version}";
}
