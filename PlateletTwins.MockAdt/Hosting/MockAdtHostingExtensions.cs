using PlateletTwins.MockAdt.Auth;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using PlateletTwins.MockAdt.Errors;
using PlateletTwins.MockAdt.Limits;
using PlateletTwins.MockAdt.Models;
using PlateletTwins.MockAdt.Protocol;
using PlateletTwins.MockAdt.Query;
using PlateletTwins.MockAdt.Events;
using PlateletTwins.MockAdt.Explorer;
using PlateletTwins.MockAdt.EventRoutes;
using PlateletTwins.MockAdt.History;
using PlateletTwins.MockAdt.Jobs;
using PlateletTwins.MockAdt.Persistence;
using PlateletTwins.MockAdt.Relationships;
using PlateletTwins.MockAdt.Store;
using PlateletTwins.MockAdt.Telemetry;
using PlateletTwins.MockAdt.Twins;

namespace PlateletTwins.MockAdt.Hosting;

/// <summary>Composes the emulator: its services and its request pipeline, so that tests host exactly what runs.</summary>
public static class MockAdtHostingExtensions
{
    public const string ConfigurationSection = "MockAdt";

    public static WebApplicationBuilder AddMockAdt(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<AuthOptions>(builder.Configuration.GetSection($"{ConfigurationSection}:Auth"));
        builder.Services.Configure<LimitsOptions>(builder.Configuration.GetSection($"{ConfigurationSection}:Limits"));
        // First of the hosted services: the data directory is loaded before anything reads the stores.
        builder.AddMockAdtPersistence(ConfigurationSection);
        builder.Services.AddSingleton<RateLimiter>();
        builder.Services.AddSingleton<RelationshipBudgets>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<TokenValidator>();
        builder.Services.AddSingleton<ModelStore>();
        builder.Services.AddSingleton<TwinStore>();
        builder.Services.AddSingleton<TwinValidator>();
        builder.Services.AddSingleton<TwinService>();
        builder.Services.AddSingleton<RelationshipStore>();
        builder.Services.AddSingleton<RelationshipService>();
        builder.Services.AddSingleton<TelemetryLog>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<ChangeFeed>();
        builder.Services.Configure<List<EndpointOptions>>(builder.Configuration.GetSection($"{ConfigurationSection}:Endpoints"));
        builder.Services.AddHttpClient(nameof(WebhookEndpoint));
        builder.Services.AddSingleton<EndpointRegistry>();
        builder.Services.AddSingleton<EventRouteStore>();
        builder.Services.AddSingleton<RouteFilter>();
        builder.Services.AddSingleton<EventRouter>();
        builder.Services.Configure<HistoryOptions>(builder.Configuration.GetSection($"{ConfigurationSection}:History"));
        builder.Services.AddSingleton<DataHistory>();
        builder.Services.AddHostedService<EventDispatcher>();
        builder.Services.AddSingleton<QueryEvaluator>();
        builder.Services.AddSingleton<MatchWalker>();
        builder.Services.AddSingleton<QueryPlanner>();
        builder.Services.AddSingleton<QueryExecutor>();
        builder.AddMockAdtJobs(ConfigurationSection);
        if (builder.Configuration.GetValue<int?>($"{ConfigurationSection}:Http2Port") is { } http2Port)
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
        // The data plane's pipeline, in the order the real service applies it: the gateway (auth) first,
        // then the service's own checks; health probes stay outside it.
        var limits = app.Services.GetRequiredService<IOptions<LimitsOptions>>().Value;
        // With a data directory, a write's 2xx waits for the commit that holds it.
        app.UseMockAdtPersistence();
        // The error middleware wraps all of it, so that nothing reaches ASP.NET Core's own error page.
        app.UseWhen(context => IsDataPlane(context.Request.Path), dataPlane =>
        {
            dataPlane.UseMiddleware<TraceResponseMiddleware>();
            dataPlane.UseMiddleware<AdtErrorMiddleware>();
            dataPlane.UseMiddleware<BearerAuthMiddleware>();
            if (limits.FaultsInjected)
            {
                dataPlane.UseMiddleware<ChaosMiddleware>();
            }
            if (limits.RatesEnforced)
            {
                dataPlane.UseMiddleware<RateLimitMiddleware>();
            }
            dataPlane.UseMiddleware<BareStatusMiddleware>();
            dataPlane.UseMiddleware<ApiVersionMiddleware>();
            dataPlane.UseMiddleware<PathIdMiddleware>();
        });
        // MockAdt's own endpoints (token, telemetry log, history, event streams, explorer) answer errors in the same envelope.
        app.UseWhen(context => context.Request.Path == "/" || context.Request.Path.StartsWithSegments("/mockadt"), own =>
        {
            own.UseMiddleware<AdtErrorMiddleware>();
            own.UseMiddleware<BareStatusMiddleware>();
        });
        app.MapTokenHandlers();
        app.MapManagedIdentityHandlers();
        app.MapModelHandlers();
        app.MapTwinHandlers();
        app.MapRelationshipHandlers();
        app.MapTelemetryHandlers();
        app.MapQueryHandlers();
        app.MapEventRouteHandlers();
        app.MapJobHandlers();
        app.MapEventStreamHandlers();
        app.MapHistoryHandlers();
        app.MapLimitsHandlers();
        app.MapExplorerHandlers();
        return app;
    }

    private static bool IsDataPlane(PathString path) =>
        path != "/" && !path.StartsWithSegments("/health") && !path.StartsWithSegments("/alive") && !path.StartsWithSegments("/mockadt");
}
