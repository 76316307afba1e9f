using System.Text.Json.Nodes;
using PlateletTwins.MockAdt.Conditions;
using PlateletTwins.MockAdt.Hosting;
using PlateletTwins.MockAdt.Limits;
using PlateletTwins.MockAdt.Protocol;

namespace PlateletTwins.MockAdt.Relationships;

/// <summary>The REST operations on relationships, one method per operation of the spec.</summary>
internal static class RelationshipHandlers
{
    /// <summary>Items per page of the relationship lists (the service documents no size; the spec has no max-items-per-page here).</summary>
    public const int PageSize = 100;

    public static void MapRelationshipHandlers(this IEndpointRouteBuilder app)
    {
        // A relationship's reads count as the twin's; its writes spend both ends' budgets (Limits/RelationshipBudgets).
        app.MapGet("/digitaltwins/{id}/relationships/{relationshipId}", GetById).CountsAgainst(ApiCategory.DigitalTwinRead).Reads();
        app.MapPut("/digitaltwins/{id}/relationships/{relationshipId}", Add).CountsAgainst(ApiCategory.CreateOrDelete).WritesTwin();
        app.MapPatch("/digitaltwins/{id}/relationships/{relationshipId}", Update).CountsAgainst(ApiCategory.DigitalTwinPatch).WritesTwin();
        app.MapDelete("/digitaltwins/{id}/relationships/{relationshipId}", Delete).CountsAgainst(ApiCategory.CreateOrDelete).WritesTwin();
        app.MapGet("/digitaltwins/{id}/relationships", List).CountsAgainst(ApiCategory.DigitalTwinRead).Reads();
        app.MapGet("/digitaltwins/{id}/incomingrelationships", ListIncoming).CountsAgainst(ApiCategory.DigitalTwinRead).Reads();
    }

    // DigitalTwins_GetRelationshipById: 200 with the relationship and its ETag.
    private static IResult GetById(string id, string relationshipId, RelationshipService relationships, HttpResponse response)
    {
        var relationship = relationships.Get(id, relationshipId);
        response.Headers.ETag = relationship.ETag;
        return Results.Bytes(relationship.Json, AdtJson.ContentType);
    }

    // DigitalTwins_AddRelationship: 200 (never 201) with the stored relationship.
    private static async Task<IResult> Add(string id, string relationshipId, HttpRequest request, RelationshipService relationships)
    {
        var conditions = WriteConditions.FromRequest(request);
        var body = await AdtJson.ReadBodyAsync(request, FunctionalLimits.MaxPayloadBytes);
        var relationship = relationships.Put(id, relationshipId, body, conditions);
        request.HttpContext.Response.Headers.ETag = relationship.ETag;
        return Results.Bytes(relationship.Json, AdtJson.ContentType);
    }

    // DigitalTwins_UpdateRelationship: 204 with the new ETag.
    private static async Task<IResult> Update(string id, string relationshipId, HttpRequest request, RelationshipService relationships)
    {
        var conditions = WriteConditions.FromRequest(request);
        var patch = await AdtJson.ReadBodyAsync(request, FunctionalLimits.MaxPayloadBytes);
        var relationship = relationships.Patch(id, relationshipId, patch, conditions);
        request.HttpContext.Response.Headers.ETag = relationship.ETag;
        return Results.NoContent();
    }

    // DigitalTwins_DeleteRelationship: 204.
    private static IResult Delete(string id, string relationshipId, HttpRequest request, RelationshipService relationships)
    {
        relationships.Delete(id, relationshipId, WriteConditions.FromRequest(request));
        return Results.NoContent();
    }

    // DigitalTwins_ListRelationships: full relationships, optionally of one name.
    private static IResult List(string id, HttpRequest request, RelationshipService relationships)
    {
        var all = relationships.ListOutgoing(id, request.Query["relationshipName"].ToString()).OrderBy(r => r.Id, StringComparer.Ordinal);
        return Page(request, all.Select(r => JsonNode.Parse(r.Json)!));
    }

    // DigitalTwins_ListIncomingRelationships: short items with a link to each relationship.
    private static IResult ListIncoming(string id, HttpRequest request, RelationshipService relationships)
    {
        var all = relationships.ListIncoming(id).OrderBy(r => r.SourceId, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal);
        return Page(request, all.Select(r => (JsonNode)RelationshipSerializer.Incoming(r)));
    }

    private static IResult Page(HttpRequest request, IEnumerable<JsonNode> items)
    {
        var skip = Paging.ReadContinuation(request);
        var page = items.Skip(skip).Take(PageSize + 1).ToList();
        var body = new JsonObject
        {
            ["value"] = new JsonArray([.. page.Take(PageSize)]),
            ["nextLink"] = page.Count > PageSize ? Paging.NextLink(request, skip + PageSize) : null,
        };
        return Results.Json(body, AdtJson.Options, AdtJson.ContentType);
    }
}
