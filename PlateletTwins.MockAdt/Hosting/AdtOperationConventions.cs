using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using PlateletTwins.MockAdt.Auth;
using PlateletTwins.MockAdt.Limits;
using PlateletTwins.MockAdt.Protocol;

namespace PlateletTwins.MockAdt.Hosting;

/// <summary>
/// How an endpoint says what it is. ADT's operations are mapped in the data plane's route group
/// (<see cref="MapAdtDataPlane"/>): a group or an endpoint names its row of the rate-limit table
/// (<see cref="CountsAgainst"/>), each endpoint whether it reads or writes (<see cref="Reads"/>, <see cref="Writes"/>,
/// <see cref="WritesTwin"/>), a group the api-versions that have it if not all do (<see cref="InApiSurface"/>), and the
/// group makes of these its <see cref="AdtOperation"/>, the role policy it requires and the rate-limiting policy it counts
/// against; an endpoint there that does not say its row and its access is a startup error. MockAdt's own endpoints are
/// mapped in <see cref="MapMockAdtOwn"/>.
/// </summary>
internal static class AdtOperationConventions
{
    /// <summary>The group of ADT's operations, at the root of the path as ADT's are.</summary>
    public static RouteGroupBuilder MapAdtDataPlane(this IEndpointRouteBuilder app)
    {
        // Every operation is in the core surface unless its group says otherwise (the innermost declaration wins).
        var group = app.MapGroup("").InApiSurface(ApiSurface.Core);
        ((IEndpointConventionBuilder)group).Finally(Declare);
        return group;
    }

    /// <summary>The group of MockAdt's own endpoints (token, telemetry log, history, event streams, limits, explorer): not ADT's, no gateway.</summary>
    public static RouteGroupBuilder MapMockAdtOwn(this IEndpointRouteBuilder app) =>
        app.MapGroup("").WithMetadata(MockAdtOwnEndpoint.Instance);

    public static TBuilder CountsAgainst<TBuilder>(this TBuilder builder, ApiCategory category) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RateLimitRow(category));

    /// <summary>The group of operations it is in, which decides the api-versions that have it (<see cref="ApiVersions"/>).</summary>
    public static TBuilder InApiSurface<TBuilder>(this TBuilder builder, ApiSurface surface) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new Surface(surface));

    /// <summary>Reads only: a Data Reader may call it.</summary>
    public static TBuilder Reads<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new Access(Writes: false, WritesTwin: false));

    /// <summary>Changes state: a Data Owner's.</summary>
    public static TBuilder Writes<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new Access(Writes: true, WritesTwin: false));

    /// <summary>Creates, updates or deletes the twin <c>{id}</c> or its relationship <c>{relationshipId}</c>: a Data Owner's, and spends the twins' own budgets.</summary>
    public static TBuilder WritesTwin<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new Access(Writes: true, WritesTwin: true));

    /// <summary>For a group whose handlers declare nothing themselves: GET reads, any other method writes (no twin).</summary>
    public static TBuilder ReadsOnGetWritesOtherwise<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault()?.HttpMethods ?? [];
            endpoint.Metadata.Add(new Access(Writes: !(methods.Count > 0 && methods.All(HttpMethods.IsGet)), WritesTwin: false));
        });
        return builder;
    }

    private static void Declare(EndpointBuilder endpoint)
    {
        var row = endpoint.Metadata.OfType<RateLimitRow>().LastOrDefault();
        var access = endpoint.Metadata.OfType<Access>().LastOrDefault();
        var surface = endpoint.Metadata.OfType<Surface>().Last();
        if (row is null || access is null)
        {
            throw new InvalidOperationException(
                $"{endpoint.DisplayName} is an ADT operation but does not say {(row is null ? "which row of the rate-limit table it counts against (CountsAgainst)" : "whether it reads or writes (Reads, Writes, WritesTwin)")}.");
        }
        endpoint.Metadata.Add(new AdtOperation(row.Category, access.Writes, access.WritesTwin, surface.Value));
        endpoint.Metadata.Add(new AuthorizeAttribute(AdtPolicies.For(access.Writes)));
        endpoint.Metadata.Add(new EnableRateLimitingAttribute(AdtRateLimitPolicy.NameOf(row.Category)));
    }

    private sealed record RateLimitRow(ApiCategory Category);

    private sealed record Access(bool Writes, bool WritesTwin);

    private sealed record Surface(ApiSurface Value);
}

/// <summary>Marks MockAdt's own endpoints (<see cref="AdtOperationConventions.MapMockAdtOwn"/>).</summary>
internal sealed class MockAdtOwnEndpoint
{
    public static readonly MockAdtOwnEndpoint Instance = new();

    private MockAdtOwnEndpoint()
    {
    }
}
