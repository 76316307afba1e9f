using System.ComponentModel.DataAnnotations;

namespace PlateletTwins.MockAdt.EventRoutes;

internal enum EndpointKind
{
    /// <summary>Kept in MockAdt; clients subscribe over Server-Sent Events at <c>/mockadt/endpoints/{name}/events</c>.</summary>
    Stream,

    /// <summary>Each event POSTed to <see cref="EndpointOptions.Url"/> as Event Grid delivers CloudEvents.</summary>
    Webhook,
}

/// <summary>
/// An endpoint event routes can name (<c>MockAdt:Endpoints:{n}</c>). On ADT endpoints are control-plane resources;
/// here they are settings. Without any setting there is one stream endpoint, <c>stream</c>.
/// </summary>
internal sealed class EndpointOptions
{
    /// <summary>What a route's <c>endpointName</c> says; one of its own (<see cref="DistinctEndpointNamesAttribute"/>).</summary>
    [Required(ErrorMessage = "{0} is empty: every endpoint needs a name")]
    public string Name { get; set; } = "";

    public EndpointKind Kind { get; set; } = EndpointKind.Stream;

    [UrlOfWebhook]
    public Uri? Url { get; set; }
}
