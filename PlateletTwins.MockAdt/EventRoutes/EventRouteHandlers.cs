using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PlateletTwins.MockAdt.Errors;
using PlateletTwins.MockAdt.Limits;
using PlateletTwins.MockAdt.Protocol;
using PlateletTwins.MockAdt.Query;

namespace PlateletTwins.MockAdt.EventRoutes;

/// <summary><c>/eventroutes</c>: create or replace (204), get, list, delete, with ADT's validation and error codes.</summary>
internal static partial class EventRouteHandlers
{
    private const string RoutesHint = "See event route documentation (http://aka.ms/ADTv2Routes).";

    public static void MapEventRouteHandlers(this IEndpointRouteBuilder app)
    {
        app.MapGet("/eventroutes", List);
        app.MapGet("/eventroutes/{id}", Get);
        app.MapPut("/eventroutes/{id}", Put);
        app.MapDelete("/eventroutes/{id}", Delete);
    }

    // Unverified: ADT's exact rule for route ids; this one (letters, digits, '-', '_', up to 64) keeps ids URL-safe.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex RouteId();

    private static IResult List(EventRouteStore routes) =>
        Results.Json(new JsonObject { ["value"] = new JsonArray([.. routes.List().Select(r => (JsonNode)ToJson(r))]), ["nextLink"] = null }, AdtJson.Options);

    private static IResult Get(string id, EventRouteStore routes) =>
        Results.Json(ToJson(routes.Get(id) ?? throw AdtErrors.EventRouteNotFound()), AdtJson.Options);

    private static async Task<IResult> Put(string id, HttpRequest request, EventRouteStore routes, EndpointRegistry endpoints)
    {
        if (!RouteId().IsMatch(id))
        {
            throw new AdtException(400, "EventRouteIdInvalid", $"The event route id '{id}' is invalid: use letters, digits, '-' and '_' (at most 64). {RoutesHint}");
        }
        if (await AdtJson.ReadBodyAsync(request, FunctionalLimits.MaxPayloadBytes) is not JsonObject body)
        {
            throw AdtErrors.InvalidArgument("The event route must be a JSON object with endpointName and filter.");
        }
        var endpointName = Text(body["endpointName"]);
        if (endpointName is null || endpoints.Get(endpointName) is null)
        {
            throw new AdtException(400, "EventRouteEndpointInvalid",
                $"The endpoint provided does not exist or is not active. Check that your endpoint is provisioned correctly. {RoutesHint}");
        }
        var filter = Text(body["filter"]) ?? throw new AdtException(400, "EventRouteFilterInvalid", $"The event route needs a filter; \"true\" routes every event. {RoutesHint}");
        QueryExpression compiled;
        try
        {
            compiled = RouteFilter.Parse(filter);
        }
        catch (QuerySyntaxException e)
        {
            throw new AdtException(400, "EventRouteFilterInvalid", $"The filter is invalid at position {e.Position}: {e.Message}. {RoutesHint}");
        }
        if (!routes.Put(new EventRoute(id, endpointName, filter, compiled)))
        {
            throw new AdtException(400, "LimitExceeded", $"An instance can have at most {EventRouteStore.MaxRoutes} event routes. {RoutesHint}");
        }
        return Results.NoContent();
    }

    private static IResult Delete(string id, EventRouteStore routes) =>
        routes.Remove(id) ? Results.NoContent() : throw AdtErrors.EventRouteNotFound();

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { Length: > 0 } text ? text : null;

    private static JsonObject ToJson(EventRoute route) => new()
    {
        ["id"] = route.Id,
        ["endpointName"] = route.EndpointName,
        ["filter"] = route.Filter,
    };
}
