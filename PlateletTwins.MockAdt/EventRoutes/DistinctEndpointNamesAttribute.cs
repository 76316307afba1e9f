using System.ComponentModel.DataAnnotations;

namespace PlateletTwins.MockAdt.EventRoutes;

/// <summary>No two endpoints of one name: a route names its endpoint by it.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class DistinctEndpointNamesAttribute : ValidationAttribute
{
    public DistinctEndpointNamesAttribute() : base("{0} holds a name twice: every endpoint needs a name of its own")
    {
    }

    public override bool IsValid(object? value) =>
        value is not IEnumerable<EndpointOptions> endpoints
        || endpoints.GroupBy(e => e.Name, StringComparer.Ordinal).All(g => g.Count() == 1);
}
