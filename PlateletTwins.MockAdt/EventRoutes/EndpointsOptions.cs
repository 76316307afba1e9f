using Microsoft.Extensions.Options;

namespace PlateletTwins.MockAdt.EventRoutes;

/// <summary>
/// <c>MockAdt:Endpoints</c>, the endpoints event routes can name, checked when MockAdt starts
/// (<see cref="EndpointsOptionsValidator"/>): each needs a name of its own, and a webhook its <c>Url</c>.
/// </summary>
internal sealed class EndpointsOptions
{
    [ValidateEnumeratedItems]
    [DistinctEndpointNames]
    public List<EndpointOptions> Endpoints { get; set; } = [];
}

/// <summary><see cref="EndpointsOptions"/>' annotations, checked when MockAdt starts.</summary>
[OptionsValidator]
internal sealed partial class EndpointsOptionsValidator : IValidateOptions<EndpointsOptions>;
