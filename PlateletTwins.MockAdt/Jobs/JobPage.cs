using System.Text.Json.Nodes;
using PlateletTwins.MockAdt.Protocol;

namespace PlateletTwins.MockAdt.Jobs;

/// <summary>A page of jobs in the nextLink style, with <c>max-items-per-page</c> honoured.</summary>
internal static class JobPage
{
    public static IResult Of(HttpRequest request, IReadOnlyList<BulkJob> jobs, int maxPageSize)
    {
        var skip = Paging.ReadContinuation(request);
        var pageSize = Paging.PageSize(request, maxPageSize);
        var page = jobs.Skip(skip).Take(pageSize + 1).ToList();
        var body = new JsonObject
        {
            ["value"] = new JsonArray([.. page.Take(pageSize).Select(j => (JsonNode)j.ToJson())]),
            ["nextLink"] = page.Count > pageSize ? Paging.NextLink(request, skip + pageSize) : null,
        };
        return Results.Json(body, AdtJson.Options, AdtJson.ContentType);
    }
}
