using System.Text.Json;
using CloudNative.CloudEvents;
using PlateletTwins.MockAdt.Query;

namespace PlateletTwins.MockAdt.EventRoutes;

/// <summary>
/// Route filters in ADT's syntax, parsed by the query language's expression grammar: <c>true</c>, <c>false</c>,
/// comparisons of the CloudEvent's attributes (<c>type</c>, <c>source</c>, <c>subject</c>, <c>dataschema</c>, <c>id</c>)
/// and of the body (<c>$body.…</c>), combined with AND, OR, NOT, IN and the string functions.
/// </summary>
internal sealed class RouteFilter(QueryEvaluator evaluator)
{
    // A body may be as deep as a request may be (64); the attributes' object is one more level.
    private static readonly JsonSerializerOptions Options = new() { MaxDepth = 2 * Protocol.StrictJson.MaxDepth };

    public static QueryExpression Parse(string filter) => QueryParser.ParseExpression(filter);

    /// <summary>Whether <paramref name="filter"/> admits <paramref name="cloudEvent"/>, read from its attributes and its JSON data.</summary>
    public bool Admits(QueryExpression filter, CloudEvent cloudEvent)
    {
        var attributes = JsonSerializer.SerializeToElement<Dictionary<string, object?>>(new(StringComparer.Ordinal)
        {
            ["type"] = cloudEvent.Type,
            ["source"] = cloudEvent.Source?.OriginalString,
            // A twin's own telemetry has no subject; filters have always seen it as the empty string.
            ["subject"] = cloudEvent.Subject ?? "",
            ["id"] = cloudEvent.Id,
            ["dataschema"] = cloudEvent.DataSchema?.OriginalString,
            ["specversion"] = cloudEvent.SpecVersion.VersionId,
            ["$body"] = cloudEvent.Data,
        }, Options);
        var row = new QueryRow("", new Dictionary<string, QueryBinding>(StringComparer.Ordinal) { [""] = QueryBinding.Of(attributes) });
        return evaluator.Matches(filter, row);
    }
}
