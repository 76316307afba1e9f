namespace PlateletTwins.MockAdt.Limits;

/// <summary>Which rate limits a request counts against, and which twin's own budget a write spends.</summary>
public static class RequestClassifier
{
    public static (ApiCategory Category, string? WrittenTwin) Classify(HttpRequest request)
    {
        var segments = request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (segments.Length == 0)
        {
            return (ApiCategory.None, null);
        }
        var method = request.Method;
        switch (segments[0].ToLowerInvariant())
        {
            case "models":
                return (ApiCategory.Models, null);
            case "query":
                return (ApiCategory.Query, null);
            case "eventroutes":
                return (ApiCategory.EventRoutes, null);
            case "jobs":
                return (ApiCategory.Jobs, null);
            case "digitaltwins" when segments.Length >= 2:
                var twinId = Uri.UnescapeDataString(segments[1]);
                if (HttpMethods.IsGet(method))
                {
                    return (ApiCategory.DigitalTwinRead, null);
                }
                // Telemetry is not a write of the twin; it counts as a read-rate call on ADT's side.
                if (segments.Length >= 3 && segments[^1].Equals("telemetry", StringComparison.OrdinalIgnoreCase))
                {
                    return (ApiCategory.DigitalTwinRead, null);
                }
                // A PATCH of the twin, a component or a relationship is a patch; PUT and DELETE create or delete.
                return (HttpMethods.IsPatch(method) ? ApiCategory.DigitalTwinPatch : ApiCategory.CreateOrDelete, twinId);
            default:
                return (ApiCategory.None, null);
        }
    }
}
