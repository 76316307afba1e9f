namespace PlateletTwins.MockAdt.Query;

/// <summary>One result row before projection: the bindings of the query's aliases (the FROM collection's under its alias, or "").</summary>
internal sealed class QueryRow(string defaultAlias, IReadOnlyDictionary<string, QueryBinding> bindings)
{
    public IReadOnlyDictionary<string, QueryBinding> Bindings { get; } = bindings;

    public QueryBinding Default => Bindings[defaultAlias];

    /// <summary>A path's value: under the alias its first segment names, else under the FROM collection.</summary>
    public QueryValue Read(PropertyPath path)
    {
        if (Bindings.TryGetValue(path.Segments[0], out var binding) && path.Segments[0].Length > 0)
        {
            return path.Segments.Count == 1 ? QueryValue.Of(binding.Root) : binding.Read(path.Segments, 1);
        }
        return Default.Read(path.Segments, 0);
    }

    public QueryBinding? Binding(string? alias) => alias is null ? Default : Bindings.GetValueOrDefault(alias);
}
