using PlateletTwins.MockAdt.Conditions;
using PlateletTwins.MockAdt.Hosting;
using PlateletTwins.MockAdt.Limits;
using PlateletTwins.MockAdt.Protocol;

namespace PlateletTwins.MockAdt.Twins;

/// <summary>The REST operations on <c>/digitaltwins/{id}</c> and its components, one method per operation of the spec.</summary>
internal static class TwinHandlers
{
    public static void MapTwinHandlers(this IEndpointRouteBuilder app)
    {
        app.MapGet("/digitaltwins/{id}", GetById).CountsAgainst(ApiCategory.DigitalTwinRead).Reads();
        app.MapPut("/digitaltwins/{id}", Add).CountsAgainst(ApiCategory.CreateOrDelete).WritesTwin();
        app.MapPatch("/digitaltwins/{id}", Update).CountsAgainst(ApiCategory.DigitalTwinPatch).WritesTwin();
        app.MapDelete("/digitaltwins/{id}", Delete).CountsAgainst(ApiCategory.CreateOrDelete).WritesTwin();
        app.MapGet("/digitaltwins/{id}/components/{componentPath}", GetComponent).CountsAgainst(ApiCategory.DigitalTwinRead).Reads();
        app.MapPatch("/digitaltwins/{id}/components/{componentPath}", UpdateComponent).CountsAgainst(ApiCategory.DigitalTwinPatch).WritesTwin();
    }

    // DigitalTwins_GetById: 200 with the twin and its ETag.
    private static IResult GetById(string id, TwinService twins, HttpResponse response)
    {
        var twin = twins.Get(id);
        response.Headers.ETag = twin.ETag;
        return Results.Bytes(twin.Json, AdtJson.ContentType);
    }

    // DigitalTwins_Add: 200 (never 201) with the stored twin, for both create and replace.
    private static async Task<IResult> Add(string id, HttpRequest request, TwinService twins)
    {
        var conditions = WriteConditions.FromRequest(request);
        var body = await AdtJson.ReadBodyAsync(request, FunctionalLimits.MaxPayloadBytes);
        var twin = twins.Put(id, body, conditions);
        request.HttpContext.Response.Headers.ETag = twin.ETag;
        return Results.Bytes(twin.Json, AdtJson.ContentType);
    }

    // DigitalTwins_Update: 204 with the new ETag, no body.
    private static async Task<IResult> Update(string id, HttpRequest request, TwinService twins)
    {
        var conditions = WriteConditions.FromRequest(request);
        var patch = await AdtJson.ReadBodyAsync(request, FunctionalLimits.MaxPayloadBytes);
        var twin = twins.Patch(id, patch, conditions);
        request.HttpContext.Response.Headers.ETag = twin.ETag;
        return Results.NoContent();
    }

    // DigitalTwins_Delete: 204.
    private static IResult Delete(string id, HttpRequest request, TwinService twins)
    {
        twins.Delete(id, WriteConditions.FromRequest(request));
        return Results.NoContent();
    }

    // DigitalTwins_GetComponent: 200 with the component and the twin's ETag.
    private static async Task GetComponent(string id, string componentPath, TwinService twins, HttpResponse response)
    {
        var (component, etag) = twins.GetComponent(id, componentPath);
        response.Headers.ETag = etag;
        await AdtJson.WriteAsync(response, component);
    }

    // DigitalTwins_UpdateComponent: 204 with the twin's new ETag.
    private static async Task<IResult> UpdateComponent(string id, string componentPath, HttpRequest request, TwinService twins)
    {
        var conditions = WriteConditions.FromRequest(request);
        var patch = await AdtJson.ReadBodyAsync(request, FunctionalLimits.MaxPayloadBytes);
        var twin = twins.PatchComponent(id, componentPath, patch, conditions);
        request.HttpContext.Response.Headers.ETag = twin.ETag;
        return Results.NoContent();
    }
}
