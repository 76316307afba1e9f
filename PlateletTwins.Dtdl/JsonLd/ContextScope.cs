using System.Collections.Concurrent;
using System.Collections.Frozen;
using PlateletTwins.Dtdl.Metamodel;

namespace PlateletTwins.Dtdl.JsonLd;

/// <summary>
/// The active context of an element: the DTDL version (its metamodel) and the extension contexts in force, which
/// define terms on top of the language's. A nested <c>@context</c> makes a child scope.
/// </summary>
internal sealed class ContextScope
{
    // The terms of a version with a list of extensions, merged once for every scope that has that list.
    private static readonly ConcurrentDictionary<string, FrozenDictionary<string, Term>> Merged = new(StringComparer.Ordinal);

    private readonly IReadOnlyList<string> _extensions;
    private readonly FrozenDictionary<string, Term>? _terms;

    public ContextScope(DtdlMetamodel metamodel, IReadOnlyList<string> extensions, bool hasAffiliate)
    {
        Metamodel = metamodel;
        _extensions = extensions;
        HasAffiliate = hasAffiliate;
        if (extensions.Count > 0)
        {
            _terms = Merged.GetOrAdd($"{metamodel.Version}|{string.Join('|', extensions)}", _ => MergeTerms(metamodel, extensions));
        }
    }

    private static FrozenDictionary<string, Term> MergeTerms(DtdlMetamodel metamodel, IReadOnlyList<string> extensions)
    {
        var terms = new Dictionary<string, Term>(StringComparer.Ordinal);
        foreach (var ext in extensions)
        {
            foreach (var (name, term) in metamodel.ExtensionTerms(ext))
            {
                terms[name] = term;
            }
        }
        return terms.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public DtdlMetamodel Metamodel { get; }

    public int Version => Metamodel.Version;

    /// <summary>The recognized extension contexts in force, in the order given.</summary>
    public IReadOnlyList<string> Extensions => _extensions;

    /// <summary>A context outside the language and its known extensions is in force (v2 takes such affiliate contexts).</summary>
    public bool HasAffiliate { get; }

    /// <summary>The affiliate contexts in force (DTDL v2 takes contexts it does not know).</summary>
    public IReadOnlyList<string> Affiliates { get; private init; } = [];

    public ContextScope With(IReadOnlyList<string> extensions, bool hasAffiliate, IReadOnlyList<string>? affiliates = null) =>
        extensions.Count == 0 && !hasAffiliate ? this
            : new ContextScope(Metamodel, [.. _extensions, .. extensions.Where(e => !_extensions.Contains(e))], HasAffiliate || hasAffiliate)
            {
                Affiliates = [.. Affiliates, .. affiliates ?? []],
            };

    /// <summary>What <paramref name="term"/> means here: a later context's definition wins; null when undefined.</summary>
    public Term? Resolve(string term)
    {
        if (term.StartsWith("dtmi:", StringComparison.Ordinal))
        {
            return ResolveIri(term);
        }
        return _terms is not null && _terms.TryGetValue(term, out var t) ? t : Metamodel.CoreTerm(term);
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
