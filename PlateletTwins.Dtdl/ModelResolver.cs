using PlateletTwins.Dtdl.Model;

namespace PlateletTwins.Dtdl;

/// <summary>An interface with what it inherits: the view twins, components and relationships are checked against.</summary>
public static class ModelResolver
{
    /// <param name="find">Finds an interface by its DTMI among the accepted models.</param>
    public static ResolvedModel Resolve(DtdlInterface model, Func<string, DtdlInterface?> find)
    {
        // Inline Interfaces (in extends or a component's schema) are found within the model first.
        var nested = model.Nested.Count == 0 ? null : model.Nested.GroupBy(n => n.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        DtdlInterface? Find(string id) => nested is not null && nested.TryGetValue(id, out var n) ? n : find(id);

        var contents = new Dictionary<string, DtdlContent>(StringComparer.Ordinal);
        var ancestors = new HashSet<string>(StringComparer.Ordinal);
        Collect(model, Find, contents, ancestors);
        return new ResolvedModel(model.Id, contents, ancestors);
    }

    // Own contents first, then the bases' (a valid model declares no name twice, so the order only matters for invalid ones).
    private static void Collect(DtdlInterface model, Func<string, DtdlInterface?> find, Dictionary<string, DtdlContent> contents, HashSet<string> ancestors)
    {
        if (!ancestors.Add(model.Id))
        {
            return;
        }
        foreach (var content in model.Contents)
        {
            contents.TryAdd(content.Name, content);
        }
        foreach (var baseId in model.Extends)
        {
            if (find(baseId) is { } baseModel)
            {
                Collect(baseModel, find, contents, ancestors);
            }
        }
    }
}
