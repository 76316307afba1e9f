using CloudNative.CloudEvents;

namespace PlateletTwins.MockAdt.EventRoutes;

/// <summary>Where a route delivers: takes a CloudEvent at once and delivers it in its own time.</summary>
internal interface IEventEndpoint
{
    string Name { get; }

    void Deliver(CloudEvent cloudEvent);
}
