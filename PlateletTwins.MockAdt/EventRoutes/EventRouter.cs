using System.Text.Json;
using PlateletTwins.Http;
using PlateletTwins.MockAdt.Events;

namespace PlateletTwins.MockAdt.EventRoutes;

/// <summary>Gives each change to the endpoint of every route whose filter admits it, as one CloudEvent per route.</summary>
internal sealed class EventRouter(EventRouteStore routes, EndpointRegistry endpoints, RouteFilter filter)
{
    public void Route(ChangeEvent change)
    {
        // The body is the same for every route: made once, and only when there is a route to give it to.
        JsonElement? data = null;
        foreach (var route in routes.List())
        {
            var id = UniqueIds.NewGuid().ToString();
            if (endpoints.Get(route.EndpointName) is not { } endpoint)
            {
                continue;
            }
            data ??= ChangeCloudEvent.Data(change);
            var cloudEvent = ChangeCloudEvent.Create(change, id, data.Value);
            if (filter.Admits(route.CompiledFilter, cloudEvent))
            {
                endpoint.Deliver(cloudEvent);
            }
        }
    }
}
