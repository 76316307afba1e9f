using Microsoft.AspNetCore.Server.Kestrel.Core;
using PlateletTwins.MockAdt.Auth;
using PlateletTwins.MockAdt.Errors;
using PlateletTwins.MockAdt.EventRoutes;
using PlateletTwins.MockAdt.Events;
using PlateletTwins.MockAdt.Explorer;
using PlateletTwins.MockAdt.History;
using PlateletTwins.MockAdt.Jobs;
using PlateletTwins.MockAdt.Limits;
using PlateletTwins.MockAdt.Models;
using PlateletTwins.MockAdt.Persistence;
using PlateletTwins.MockAdt.Protocol;
using PlateletTwins.MockAdt.Query;
using PlateletTwins.MockAdt.Relationships;
using PlateletTwins.MockAdt.Store;
using PlateletTwins.MockAdt.Telemetry;
using PlateletTwins.MockAdt.Twins;
using PlateletTwins.ServiceDefaults.Configuration;

namespace PlateletTwins.MockAdt.Hosting;

/// <summary>Composes the emulator: its services and its request pipeline, so that tests host exactly what runs.</summary>
internal static class MockAdtHostingExtensions
{
    public const string ConfigurationSection = "MockAdt";

    public static WebApplicationBuilder AddMockAdt(this WebApplicationBuilder builder)
    {
        builder.Services.AddCheckedOptions<AuthOptions, AuthOptionsValidator>(builder.Configuration, $"{ConfigurationSection}:Auth");
        // First of the hosted services: the data directory is loaded before anything reads the stores.
        builder.AddMockAdtPersistence(ConfigurationSection);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddMockAdtAuth();
        builder.AddMockAdtLimits(ConfigurationSection);
        builder.Services.AddSingleton<ModelStore>();
        builder.Services.AddSingleton<TwinStore>();
        builder.Services.AddSingleton<TwinValidator>();
        builder.Services.AddSingleton<TwinService>();
        builder.Services.AddSingleton<RelationshipStore>();
        builder.Services.AddSingleton<RelationshipService>();
        builder.Services.AddSingleton<TelemetryLog>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<ChangeFeed>();
        builder.Services.AddCheckedOptions<EndpointsOptions, EndpointsOptionsValidator>(builder.Configuration, ConfigurationSection);
        // One attempt per request, bounded by the client's timeout: WebhookEndpoint retries as Event Grid does, and the
        // standard handler would retry beneath it. RemoveAllResilienceHandlers is experimental (EXTEXP0001) in 10.x.
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient(nameof(WebhookEndpoint), http => http.Timeout = WebhookEndpoint.AttemptTimeout).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddSingleton<EndpointRegistry>();
        builder.Services.AddSingleton<EventRouteStore>();
        builder.Services.AddSingleton<RouteFilter>();
        builder.Services.AddSingleton<EventRouter>();
        builder.Services.AddCheckedOptions<HistoryOptions, HistoryOptionsValidator>(builder.Configuration, $"{ConfigurationSection}:History");
        builder.Services.AddSingleton<DataHistory>();
        builder.Services.AddHostedService<EventDispatcher>();
        builder.Services.AddSingleton<QueryEvaluator>();
        builder.Services.AddSingleton<MatchWalker>();
        builder.Services.AddSingleton<QueryPlanner>();
        builder.Services.AddSingleton<QueryExecutor>();
        builder.AddMockAdtJobs(ConfigurationSection);
        builder.Services.AddCheckedOptions<Http2Options, Http2OptionsValidator>(builder.Configuration, ConfigurationSection);
        // The listening addresses are the builder's, so the port is read here; one Kestrel cannot take is refused at start,
        // before Kestrel listens.
        if (builder.Configuration.GetSection(ConfigurationSection).Get<Http2Options>()?.Http2Port is { } http2Port)
        {
            // Kestrel picks HTTP/2 only through TLS's ALPN; without TLS a port is either HTTP/1.1 or HTTP/2 alone. Browsers
            // and the npm client keep the HTTP/1.1 port; this one lets a client multiplex its writes as it would with ADT.
            var urls = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey);
            builder.WebHost.UseUrls([.. (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries), $"http://localhost:{http2Port}"]);
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen =>
            {
                if (listen.IPEndPoint?.Port == http2Port)
                {
                    listen.Protocols = HttpProtocols.Http2;
                }
            }));
        }
        return builder;
    }

    public static WebApplication MapMockAdt(this WebApplication app)
    {
        // Each request's area comes from the endpoint it matched (RequestAreas); the data plane's pipeline is in the order
        // the real service applies it: the gateway (auth) first, then the limits, then the service's own checks. The error
        // middleware wraps all of it, so that nothing reaches ASP.NET Core's own error page; health probes stay outside.
        // With a data directory, a write's 2xx waits for the commit that holds it.
        app.UseMockAdtPersistence();
        app.UseWhen(IsDataPlane, gateway =>
        {
            gateway.UseMiddleware<TraceResponseMiddleware>();
            gateway.UseMiddleware<AdtErrorMiddleware>();
            // Route values decoded as ADT reads ids, before anything reads them (the rate limits read {id}).
            gateway.UseMiddleware<PathIdMiddleware>();
            gateway.UseMiddleware<NoOperationMiddleware>();
        });
        // MockAdt's own endpoints (token, telemetry log, history, event streams, explorer) answer errors in the same envelope.
        app.UseWhen(context => RequestAreas.Of(context) == RequestArea.MockAdt, own =>
        {
            own.UseMiddleware<AdtErrorMiddleware>();
            own.UseMiddleware<BareStatusMiddleware>();
        });
        // Only the data plane's endpoints name a policy (AdtOperationConventions), so only they are authenticated.
        app.UseAuthorization();
        app.UseWhen(IsDataPlane, service =>
        {
            service.UseMockAdtLimits();
            service.UseMiddleware<BareStatusMiddleware>();
            service.UseMiddleware<ApiVersionMiddleware>();
        });

        var adt = app.MapAdtDataPlane();
        adt.MapModelHandlers();
        adt.MapTwinHandlers();
        adt.MapRelationshipHandlers();
        adt.MapTelemetryHandlers();
        adt.MapQueryHandlers();
        // Event routes' handlers map plain routes; what they are is declared here: their row, and GET lists or gets, PUT and DELETE write.
        adt.MapGroup("").CountsAgainst(ApiCategory.EventRoutes).ReadsOnGetWritesOtherwise().MapEventRouteHandlers();
        adt.MapJobHandlers();

        var own = app.MapMockAdtOwn();
        own.MapTokenHandlers();
        own.MapManagedIdentityHandlers();
        own.MapTelemetryLogHandlers();
        own.MapEventStreamHandlers();
        own.MapHistoryHandlers();
        own.MapLimitsHandlers();
        own.MapExplorerHandlers();
        return app;
    }

    private static bool IsDataPlane(HttpContext context) => RequestAreas.Of(context) == RequestArea.DataPlane;
}
