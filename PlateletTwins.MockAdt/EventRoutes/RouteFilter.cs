using System.Text.Json;
using PlateletTwins.MockAdt.Events;
using PlateletTwins.MockAdt.Query;

namespace PlateletTwins.MockAdt.EventRoutes;

/// <summary>
/// Route filters in ADT's syntax, parsed by the query language's expression grammar: <c>true</c>, <c>false</c>,
/// comparisons of the CloudEvent's attributes (<c>type</c>, <c>source</c>, <c>subject</c>, <c>dataschema</c>, <c>id</c>)
/// and of the body (<c>$body.…</c>), combined with AND, OR, NOT, IN and the string functions.
/// </summary>
public sealed class RouteFilter(QueryEvaluator evaluator)
{
    public static QueryExpression Parse(string filter) => QueryParser.ParseExpression(filter);

    public bool Admits(QueryExpression filter, ChangeEvent change, string id)
    {
        var attributes = JsonSerializer.SerializeToElement(new Dictionary<string, object?>
        {
            ["type"] = change.Type,
            ["source"] = CloudEventWriter.Source(change),
            ["subject"] = change.Subject,
            ["id"] = id,
            ["dataschema"] = change.Type == EventTypes.Telemetry ? change.ModelId : null,
            ["specversion"] = "1.0",
            ["$body"] = change.Data,
        });
        var row = new QueryRow("", new Dictionary<string, QueryBinding>(StringComparer.Ordinal) { [""] = QueryBinding.Of(attributes) });
        return evaluator.Matches(filter, row);
    }
}
