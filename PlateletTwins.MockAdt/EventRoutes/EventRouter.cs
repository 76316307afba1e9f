using Microsoft.Extensions.Hosting;
using PlateletTwins.MockAdt.Events;

namespace PlateletTwins.MockAdt.EventRoutes;

/// <summary>Gives each change to the endpoint of every route whose filter admits it, as one CloudEvent per route.</summary>
public sealed class EventRouter(EventRouteStore routes, EndpointRegistry endpoints, RouteFilter filter)
{
    public void Route(ChangeEvent change)
    {
        foreach (var route in routes.List())
        {
            var id = UniqueIds.NewGuid().ToString();
            if (endpoints.Get(route.EndpointName) is { } endpoint && filter.Admits(route.CompiledFilter, change, id))
            {
                endpoint.Deliver(id, change.Type, CloudEventWriter.Write(change, id));
            }
        }
    }
}
