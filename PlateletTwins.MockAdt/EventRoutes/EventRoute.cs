using PlateletTwins.MockAdt.Query;

namespace PlateletTwins.MockAdt.EventRoutes;

/// <summary>A route: the events its filter admits go to its endpoint.</summary>
internal sealed record EventRoute(string Id, string EndpointName, string Filter, QueryExpression CompiledFilter);
