namespace PlateletTwins.MockAdt.Hosting;

/// <summary>Whose a request is, which decides the pipeline it takes (<see cref="RequestAreas.Of"/>).</summary>
internal enum RequestArea
{
    /// <summary>ADT's data plane: the gateway (auth), the limits, the protocol checks, the error envelope.</summary>
    DataPlane,

    /// <summary>MockAdt's own endpoints: the error envelope only.</summary>
    MockAdt,

    /// <summary>The host's (health probes): nothing of MockAdt's.</summary>
    Host,
}

internal static class RequestAreas
{
    /// <summary>
    /// From the endpoint the request matched: an <see cref="AdtOperation"/> is the data plane's, a
    /// <see cref="MockAdtOwnEndpoint"/> MockAdt's, any other the host's. A request that matched no route (404), or none
    /// with its method (the router's 405, not a route endpoint), has only its path: under <c>/mockadt</c> (or the root)
    /// it missed MockAdt's own, under the probes' the host's, and anywhere else ADT's, whose gateway answers it first.
    /// </summary>
    public static RequestArea Of(HttpContext context)
    {
        if (context.GetEndpoint() is RouteEndpoint endpoint)
        {
            var metadata = endpoint.Metadata;
            return metadata.GetMetadata<AdtOperation>() is not null ? RequestArea.DataPlane
                : metadata.GetMetadata<MockAdtOwnEndpoint>() is not null ? RequestArea.MockAdt
                : RequestArea.Host;
        }
        var path = context.Request.Path;
        return path == "/" || path.StartsWithSegments("/mockadt") ? RequestArea.MockAdt
            : path.StartsWithSegments("/health") || path.StartsWithSegments("/alive") ? RequestArea.Host
            : RequestArea.DataPlane;
    }
}
