using PlateletTwins.Dtdl.Model;
using PlateletTwins.Dtdl.Parsing;

namespace PlateletTwins.Dtdl.Validation;

/// <summary>
/// The elements an upload defines, by identifier, with the models accepted before: what references resolve to, and
/// the Interfaces' bases and contents whichever side they come from.
/// </summary>
internal sealed class ModelSet
{
    private readonly Dictionary<string, Element> _byId = new(StringComparer.Ordinal);
    private readonly Func<string, DtdlInterface?> _accepted;
    private readonly Dictionary<string, IReadOnlyList<string>> _bases = new(StringComparer.Ordinal);

    public ModelSet(IEnumerable<Element> elements, Func<string, DtdlInterface?> accepted)
    {
        _accepted = accepted;
        foreach (var e in elements)
        {
            if (e.Id is { } id)
            {
                _byId.TryAdd(id, e);
            }
        }
    }

    public Element? Uploaded(string id) => _byId.GetValueOrDefault(id);

    public DtdlInterface? Accepted(string id) => _byId.ContainsKey(id) ? null : _accepted(id);

    public bool Exists(string id) => _byId.ContainsKey(id) || _accepted(id) is not null;

    /// <summary>The identifiers of the Interfaces <paramref name="id"/> extends directly.</summary>
    public IReadOnlyList<string> Bases(string id)
    {
        if (_bases.TryGetValue(id, out var known))
        {
            return known;
        }
        var bases = _byId.TryGetValue(id, out var e) ? [.. e.All("extends").Select(IdOf).OfType<string>()] : _accepted(id)?.Extends ?? [];
        _bases[id] = bases;
        return bases;
    }

    /// <summary>The names an Interface declares in its own contents, each with what declares it (to tell one declaration reached twice from two).</summary>
    public IEnumerable<(string Name, object Declaration, bool IsComponent)> OwnContents(string id)
    {
        if (_byId.TryGetValue(id, out var e))
        {
            foreach (var c in e.All("contents"))
            {
                var content = c is Reference r ? Uploaded(r.Dtmi) : c as Element;
                if (content?.Name is { } name)
                {
                    yield return (name, content, content.Class.Name == "Component");
                }
            }
            yield break;
        }
        if (_accepted(id) is { } model)
        {
            foreach (var c in model.Contents)
            {
                yield return (c.Name, c, c.Kind == ContentKind.Component);
            }
        }
    }

    public static string? IdOf(object value) => value switch
    {
        Element el => el.Id,
        Reference r => r.Dtmi,
        _ => null,
    };
}
