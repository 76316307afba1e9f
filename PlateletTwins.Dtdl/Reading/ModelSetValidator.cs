namespace PlateletTwins.Dtdl;

/// <summary>
/// The rules that span models: every base and component interface resolves (to the upload or to stored models;
/// relationship targets need not, as in Microsoft's DTDL parser), no inheritance
/// cycle or depth over 10, no inherited name declared again, components one level deep.
/// </summary>
internal static class ModelSetValidator
{
    public const int MaxExtendsDepth = 10;

    public static void Validate(IReadOnlyList<DtdlInterface> upload, Func<string, DtdlInterface?> stored, List<string> problems)
    {
        var batch = upload.ToDictionary(m => m.Id, StringComparer.Ordinal);
        DtdlInterface? Find(string id) => batch.TryGetValue(id, out var m) ? m : stored(id);

        foreach (var model in upload)
        {
            foreach (var reference in model.References.Where(r => Find(r) is null))
            {
                problems.Add($"{model.Id} refers to {reference}, which is neither in this request nor an existing model.");
            }
            foreach (var component in model.Contents.Where(c => c.ComponentInterface is not null))
            {
                if (Find(component.ComponentInterface!) is { } componentModel && Flatten(componentModel, Find, [], []).Values.Any(c => c.Kind == ContentKind.Component))
                {
                    problems.Add($"{model.Id} has component '{component.Name}' whose interface {componentModel.Id} itself has components; Azure Digital Twins supports one level of components.");
                }
            }
            Flatten(model, Find, problems, []);
        }
    }

    /// <summary>The contents of <paramref name="model"/> with everything it inherits; adds a problem for cycles, depth and redeclared names.</summary>
    public static Dictionary<string, DtdlContent> Flatten(DtdlInterface model, Func<string, DtdlInterface?> find, List<string> problems, List<string> path)
    {
        var result = new Dictionary<string, DtdlContent>(StringComparer.Ordinal);
        if (path.Contains(model.Id))
        {
            problems.Add($"{model.Id} extends itself through {string.Join(" -> ", path)}; 'extends' must not form a cycle.");
            return result;
        }
        if (path.Count >= MaxExtendsDepth)
        {
            problems.Add($"{path[0]} has an 'extends' hierarchy deeper than {MaxExtendsDepth} levels.");
            return result;
        }
        path.Add(model.Id);
        foreach (var baseId in model.Extends)
        {
            if (find(baseId) is not { } baseModel)
            {
                continue;
            }
            foreach (var (name, content) in Flatten(baseModel, find, problems, path))
            {
                // The same base reached along two paths is one declaration, not a clash.
                if (result.TryGetValue(name, out var existing) && !ReferenceEquals(existing, content))
                {
                    problems.Add($"{model.Id} inherits more than one element named '{name}'.");
                }
                result[name] = content;
            }
        }
        path.RemoveAt(path.Count - 1);
        foreach (var content in model.Contents)
        {
            if (result.ContainsKey(content.Name))
            {
                problems.Add($"{model.Id} declares '{content.Name}', which it already inherits; a name may not be declared again.");
            }
            result[content.Name] = content;
        }
        return result;
    }
}
