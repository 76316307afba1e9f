using System.Text.Json.Nodes;

namespace PlateletTwins.Dtdl;

/// <summary>The verdict on one upload: the interfaces it defines, or why it is refused.</summary>
public sealed record ParseResult(IReadOnlyList<DtdlInterface> Interfaces, IReadOnlyList<string> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// The library's one way in: reads the documents of one upload (what one <c>POST /models</c> carries) and validates them
/// together with the models accepted before, which they may extend or use as components.
/// </summary>
public static class ModelParser
{
    /// <param name="documents">The upload's documents, each one top-level Interface.</param>
    /// <param name="accepted">Finds a model accepted earlier by its DTMI; null when there is none.</param>
    public static ParseResult Parse(IReadOnlyList<JsonNode?> documents, Func<string, DtdlInterface?> accepted)
    {
        var problems = new List<string>();
        var interfaces = new List<DtdlInterface>();
        foreach (var node in documents)
        {
            if (DtdlReader.Read(node, problems) is { } model)
            {
                interfaces.Add(model);
            }
        }
        foreach (var duplicate in interfaces.GroupBy(m => m.Id).Where(g => g.Count() > 1))
        {
            problems.Add($"{duplicate.Key} appears more than once in the request.");
        }
        if (problems.Count == 0)
        {
            ModelSetValidator.Validate(interfaces, accepted, problems);
        }
        return new ParseResult(problems.Count == 0 ? interfaces : [], problems);
    }

    /// <summary>A model accepted earlier, read again from its stored DTDL (its references are not checked again).</summary>
    public static DtdlInterface? ReadAccepted(JsonNode? document, List<string> problems) => DtdlReader.Read(document, problems);
}
