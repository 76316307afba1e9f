namespace PlateletTwins.MockAdt.Limits;

/// <summary>
/// Which rate limits a request counts against, from its method and path alone: the row of the instance's table, the
/// twin whose own budget a write spends (the source, for a relationship) and, for a relationship write, its id, so that
/// <see cref="RelationshipBudgets"/> can add the twins at its other end.
/// </summary>
public static class RequestClassifier
{
    public static RequestClass Classify(HttpRequest request)
    {
        var segments = request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (segments.Length == 0)
        {
            return new(ApiCategory.None, null, null);
        }
        var method = request.Method;
        switch (segments[0].ToLowerInvariant())
        {
            case "models":
                return new(ApiCategory.Models, null, null);
            case "query":
                return new(ApiCategory.Query, null, null);
            case "eventroutes":
                return new(ApiCategory.EventRoutes, null, null);
            case "jobs":
                return new(ApiCategory.Jobs, null, null);
            case "digitaltwins" when segments.Length >= 2:
                var twinId = Uri.UnescapeDataString(segments[1]);
                if (HttpMethods.IsGet(method))
                {
                    return new(ApiCategory.DigitalTwinRead, null, null);
                }
                // Telemetry is not a write of the twin; it counts as a read-rate call on ADT's side.
                if (segments.Length >= 3 && segments[^1].Equals("telemetry", StringComparison.OrdinalIgnoreCase))
                {
                    return new(ApiCategory.DigitalTwinRead, null, null);
                }
                var relationshipId = segments.Length == 4 && segments[2].Equals("relationships", StringComparison.OrdinalIgnoreCase)
                    ? Uri.UnescapeDataString(segments[3])
                    : null;
                // A PATCH of the twin, a component or a relationship is a patch; PUT and DELETE create or delete.
                return new(HttpMethods.IsPatch(method) ? ApiCategory.DigitalTwinPatch : ApiCategory.CreateOrDelete, twinId, relationshipId);
            default:
                return new(ApiCategory.None, null, null);
        }
    }
}

/// <summary>A request's row of the limits table, the twin it writes (if any) and the relationship it writes (if any).</summary>
public readonly record struct RequestClass(ApiCategory Category, string? WrittenTwin, string? RelationshipId);
