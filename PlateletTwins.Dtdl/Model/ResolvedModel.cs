namespace PlateletTwins.Dtdl.Model;

/// <summary>An interface with its inheritance resolved: every content it declares or inherits, by name.</summary>
public sealed class ResolvedModel(string id, IReadOnlyDictionary<string, DtdlContent> contents, IReadOnlySet<string> ancestors)
{
    public string Id { get; } = id;

    public IReadOnlyDictionary<string, DtdlContent> Contents { get; } = contents;

    /// <summary>This model and every interface it extends, directly or not.</summary>
    public IReadOnlySet<string> Ancestors { get; } = ancestors;

    public IEnumerable<DtdlContent> Components => Contents.Values.Where(c => c.Kind == ContentKind.Component);
}
