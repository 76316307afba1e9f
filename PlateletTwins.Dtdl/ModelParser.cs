using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Errors;
using PlateletTwins.Dtdl.Model;
using PlateletTwins.Dtdl.Parsing;
using PlateletTwins.Dtdl.Validation;

namespace PlateletTwins.Dtdl;

/// <summary>The verdict on one upload: the interfaces it defines, or why it is refused.</summary>
public sealed record ParseResult(IReadOnlyList<DtdlInterface> Interfaces, IReadOnlyList<ParsingError> Errors)
{
    public bool IsValid => Errors.Count == 0;

    /// <summary>The errors' messages, in the parser's words.</summary>
    public IReadOnlyList<string> Problems => [.. Errors.Select(e => e.Cause)];
}

/// <summary>
/// The library's one way in: reads the documents of one upload (what one <c>POST /models</c> carries) and validates them
/// together with the models accepted before, which they may extend or use as components, by the rules of
/// Microsoft's DTDL parser: the JSON-LD reading (JsonLd/, Parsing/) by the version's metamodel (Metamodel/), then the
/// rules that span elements (Validation/), then the typed object model (Model/).
/// </summary>
public static class ModelParser
{
    /// <param name="documents">The upload's documents, each one top-level Interface.</param>
    /// <param name="accepted">Finds a model accepted earlier by its DTMI; null when there is none.</param>
    public static ParseResult Parse(IReadOnlyList<JsonNode?> documents, Func<string, DtdlInterface?> accepted)
    {
        var errors = new ErrorSink();
        try
        {
            var reader = new ElementReader(errors);
            foreach (var document in documents)
            {
                reader.ReadDocument(document);
            }
            if (errors.Count > 0)
            {
                return new ParseResult([], errors.Errors);
            }
            var set = new ModelSet(reader.All, FindAccepted(accepted));
            ReferenceRules.Check(reader.All, set, errors);
            if (errors.Count == 0)
            {
                ExtendsRules.Check([.. reader.All.Where(e => e.Class.Name == "Interface")], set, errors);
                SchemaRules.Check(reader.All, set, errors);
                SupplementalRules.Check(reader.All, set, errors);
            }
            if (errors.Count > 0)
            {
                return new ParseResult([], errors.Errors);
            }
            var builder = new ModelBuilder(set.Uploaded);
            return new ParseResult([.. reader.Roots.Select(builder.Build)], []);
        }
        catch (Exception e) when (e is InsufficientExecutionStackException or InvalidOperationException or ArgumentException or FormatException or OverflowException
                                      or InvalidCastException or NullReferenceException or IndexOutOfRangeException or KeyNotFoundException)
        {
            // A defect of this library, never of the upload: it is refused with what went wrong rather than a 500.
            errors.Add("internal", $"The models could not be read: {e.GetType().Name}.");
            return new ParseResult([], errors.Errors);
        }
    }

    /// <summary>A model accepted earlier, read again from its stored DTDL (its references to other models are not checked again).</summary>
    public static DtdlInterface? ReadAccepted(JsonNode? document, List<string> problems)
    {
        var errors = new ErrorSink();
        var reader = new ElementReader(errors);
        reader.ReadDocument(document);
        if (errors.Count > 0 || reader.Roots.Count == 0)
        {
            problems.AddRange(errors.Errors.Select(e => e.Cause));
            return null;
        }
        var set = new ModelSet(reader.All, _ => null);
        return new ModelBuilder(set.Uploaded).Build(reader.Roots[0]);
    }

    // An accepted model's inline Interfaces are found by their ids too.
    private static Func<string, DtdlInterface?> FindAccepted(Func<string, DtdlInterface?> accepted) => accepted;
}
