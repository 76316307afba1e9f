using System.Text.Json;
using System.Text.Json.Nodes;
using PlateletTwins.MockAdt.Errors;
using PlateletTwins.MockAdt.Hosting;
using PlateletTwins.MockAdt.Limits;
using PlateletTwins.MockAdt.Protocol;

namespace PlateletTwins.MockAdt.Query;

/// <summary><c>POST /query</c>: a query, or the continuation of one; the page size from <c>max-items-per-page</c>.</summary>
internal static class QueryHandlers
{
    // A POST that only reads: a Data Reader queries.
    public static void MapQueryHandlers(this IEndpointRouteBuilder app) => app.MapPost("/query", Query).CountsAgainst(ApiCategory.Query).Reads();

    private static async Task<IResult> Query(HttpRequest request, QueryExecutor executor)
    {
        if (await AdtJson.ReadBodyAsync(request, FunctionalLimits.MaxPayloadBytes) is not JsonObject body)
        {
            throw AdtErrors.InvalidArgument("The request body must be a JSON object with a query or a continuationToken.");
        }
        string text;
        var returned = 0;
        if (body["continuationToken"] is { } token && token.GetValueKind() == JsonValueKind.String)
        {
            var continuation = ContinuationToken.Decode(token.GetValue<string>());
            (text, returned) = (continuation.Query, continuation.Returned);
        }
        else if (body["query"] is { } query && query.GetValueKind() == JsonValueKind.String)
        {
            text = query.GetValue<string>();
        }
        else
        {
            throw AdtErrors.InvalidArgument("The request body needs a query: {\"query\": \"SELECT * FROM DIGITALTWINS\"}, or a continuationToken.");
        }
        var page = executor.Run(text, returned, Paging.PageSize(request, QueryExecutor.MaxPageSize));
        request.HttpContext.Response.Headers["query-charge"] = QueryExecutor.FormatCharge(page.Charge);
        return Results.Bytes(page.Json, AdtJson.ContentType);
    }
}
