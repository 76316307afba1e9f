using System.Text.Json.Nodes;
using PlateletTwins.Dtdl;
using PlateletTwins.Dtdl.Model;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.Dtdl;

/// <summary>The project's own models, every file of <c>dtdl/</c>, read by the DTDL library as one upload.</summary>
public static class ProjectModels
{
    public static IReadOnlyList<string> Files { get; } =
        [.. Directory.EnumerateFiles(RepositoryPaths.Dtdl, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    public static ParseResult Parsed { get; } = ModelParser.Parse([.. Files.Select(f => JsonNode.Parse(File.ReadAllText(f)))], _ => null);

    private static readonly Dictionary<string, DtdlInterface> ById = Parsed.Interfaces.ToDictionary(m => m.Id, StringComparer.Ordinal);

    public static DtdlInterface? Find(string id) => ById.GetValueOrDefault(id);

    /// <summary>A model of <c>dtdl/</c> with what it inherits; fails the test when <c>dtdl/</c> has no such model.</summary>
    public static ResolvedModel Resolve(string id)
    {
        Assert.True(ById.TryGetValue(id, out var model), $"dtdl/ has no model {id}");
        return ModelResolver.Resolve(model!, Find);
    }
}
