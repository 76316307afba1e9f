using PlateletTwins.Dtdl.Metamodel;

namespace PlateletTwins.Dtdl.JsonLd;

/// <summary>
/// The active context of an element: the DTDL version (its metamodel) and the extension contexts in force, which
/// define terms on top of the language's. A nested <c>@context</c> makes a child scope.
/// </summary>
internal sealed class ContextScope
{
    private readonly IReadOnlyList<string> _extensions;

    public ContextScope(DtdlMetamodel metamodel, IReadOnlyList<string> extensions, bool hasAffiliate)
    {
        Metamodel = metamodel;
        _extensions = extensions;
        HasAffiliate = hasAffiliate;
    }

    public DtdlMetamodel Metamodel { get; }

    public int Version => Metamodel.Version;

    /// <summary>The recognized extension contexts in force, in the order given.</summary>
    public IReadOnlyList<string> Extensions => _extensions;

    /// <summary>A context outside the language and its known extensions is in force (v2 takes such affiliate contexts).</summary>
    public bool HasAffiliate { get; }

    public ContextScope With(IReadOnlyList<string> extensions, bool hasAffiliate) =>
        extensions.Count == 0 && !hasAffiliate ? this
            : new ContextScope(Metamodel, [.. _extensions, .. extensions.Where(e => !_extensions.Contains(e))], HasAffiliate || hasAffiliate);

    /// <summary>What <paramref name="term"/> means here: a later context's definition wins; null when undefined.</summary>
    public Term? Resolve(string term)
    {
        if (term.StartsWith("dtmi:", StringComparison.Ordinal))
        {
            return ResolveIri(term);
        }
        for (var i = _extensions.Count - 1; i >= 0; i--)
        {
            if (Metamodel.ExtensionTerm(_extensions[i], term) is { } t)
            {
                return t;
            }
        }
        return Metamodel.CoreTerm(term);
    }

    private Term? ResolveIri(string iri)
    {
        if (Metamodel.CoreIri(iri) is { } core)
        {
            return core;
        }
        foreach (var ext in _extensions)
        {
            var family = ext[..ext.LastIndexOf(';')];
            if (iri.StartsWith(family, StringComparison.Ordinal))
            {
                var name = iri[(iri.LastIndexOf(':') + 1)..];
                if (Metamodel.ExtensionTerm(ext, name) is { } t && t.Iri == iri)
                {
                    return t;
                }
            }
        }
        return null;
    }
}
