namespace PlateletTwins.Dtdl;

/// <summary>An interface with what it inherits: the view twins, components and relationships are checked against.</summary>
public static class ModelResolver
{
    /// <param name="find">Finds an interface by its DTMI among the accepted models.</param>
    public static ResolvedModel Resolve(DtdlInterface model, Func<string, DtdlInterface?> find)
    {
        var contents = ModelSetValidator.Flatten(model, find, [], []);
        var ancestors = new HashSet<string>(StringComparer.Ordinal);
        CollectAncestors(model, find, ancestors);
        return new ResolvedModel(model.Id, contents, ancestors);
    }

    private static void CollectAncestors(DtdlInterface model, Func<string, DtdlInterface?> find, HashSet<string> into)
    {
        if (!into.Add(model.Id))
        {
            return;
        }
        foreach (var baseId in model.Extends)
        {
            if (find(baseId) is { } baseModel)
            {
                CollectAncestors(baseModel, find, into);
            }
        }
    }
}
