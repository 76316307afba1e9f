using Microsoft.Extensions.DependencyInjection.Extensions;
using PlateletTwins.IngestionService.Adt;
using PlateletTwins.IngestionService.DeadLetters;
using PlateletTwins.IngestionService.Diagnostics;
using PlateletTwins.IngestionService.Durability;
using PlateletTwins.IngestionService.Events;
using PlateletTwins.IngestionService.Intake;
using PlateletTwins.IngestionService.Live;
using PlateletTwins.IngestionService.Provisioning;
using PlateletTwins.IngestionService.Runs;
using PlateletTwins.IngestionService.Scheduling;
using PlateletTwins.IngestionService.Twins;
using PlateletTwins.ServiceDefaults.Configuration;

namespace PlateletTwins.IngestionService.Hosting;

/// <summary>Composes the ingestion service, so that tests host exactly what runs.</summary>
public static class IngestionHostingExtensions
{
    public static WebApplicationBuilder AddIngestion(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(AdtConnection.Name)
            ?? throw new InvalidOperationException("The connection string 'adt' is missing: the ADT endpoint (the AppHost gives it).");
        var connection = AdtConnection.Parse(connectionString);

        builder.Services.AddCheckedOptions<IntakeOptions, IntakeOptionsValidator>(builder.Configuration, "Intake");
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddCheckedOptions<WriteOptions, WriteOptionsValidator>(builder.Configuration, "Writes");
        builder.Services.AddSingleton<AdaptiveRateLimiter>();
        // One credential for the process; a test composing the service in its own process may register another before.
        builder.Services.TryAddSingleton(_ => AdtCredential.Create());
        builder.Services.AddSingleton(services =>
        {
            var limiter = services.GetRequiredService<AdaptiveRateLimiter>();
            var telemetry = services.GetRequiredService<IngestionTelemetry>();
            var options = new DigitalTwinsClientOptions();
            // Retries with exponential backoff and jitter on 408, 429 (after its Retry-After), 5xx and network errors.
            options.Retry.Mode = Azure.Core.RetryMode.Exponential;
            options.Retry.MaxRetries = 5;
            options.Retry.Delay = TimeSpan.FromMilliseconds(200);
            options.Retry.MaxDelay = TimeSpan.FromSeconds(15);
            options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
            options.AddPolicy(new ThrottlingObserverPolicy(retryAfter =>
            {
                limiter.OnThrottled(retryAfter);
                telemetry.Throttled.Add(1);
            }, services.GetRequiredService<TimeProvider>()), Azure.Core.HttpPipelinePosition.PerRetry);
            if (connection.Http2PriorKnowledge)
            {
                options.Transport = new Azure.Core.Pipeline.HttpClientTransport(new Http2PriorKnowledgeHandler());
            }
            return new DigitalTwinsClient(connection.Endpoint, services.GetRequiredService<Azure.Core.TokenCredential>(), options);
        });
        // dtdl/ as the build copies it next to the service; Dtdl:Directory points elsewhere (the repository's, in tests).
        var dtdl = builder.Configuration["Dtdl:Directory"];
        builder.Services.AddSingleton(_ => dtdl is null ? ModelCatalog.FromOutputFolder() : new ModelCatalog(dtdl));
        builder.Services.AddSingleton<LabProvisioner>();
        builder.Services.AddSingleton<GraphRecovery>();
        builder.Services.AddSingleton<LiveLab>();
        builder.Services.AddSingleton<TwinStateTable>();
        builder.Services.AddSingleton<DeadLetterStore>();
        builder.Services.AddSingleton<IngestionTelemetry>();
        builder.Services.AddSingleton<AdtHealth>();
        builder.Services.AddSingleton<IntakeKeyFilter>();
        builder.Services.AddSingleton<BodySizeFilter>();
        builder.Services.AddSingleton<UpdateValidator>();
        builder.Services.AddSingleton<ChangeValidator>();
        builder.Services.AddSingleton<TelemetryAcceptor>();
        builder.Services.AddSingleton<ChangeWriter>();
        builder.Services.AddSingleton<PoolCleanup>();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Limits.MaxRequestBodySize = builder.Configuration.GetValue("Intake:MaxBodyBytes", new IntakeOptions().MaxBodyBytes));

        // What the intake accepted survives the process: the journal, the runs, the twins' acknowledged state, dead letters.
        builder.Services.AddCheckedOptions<StorageOptions, StorageOptionsValidator>(builder.Configuration, "Storage");
        builder.Services.AddSingleton<IngestionStore>();
        builder.Services.AddSingleton<IntakeJournal>();
        builder.Services.AddSingleton<ChangeMarks>();
        builder.Services.AddSingleton<RunRegistry>();
        builder.Services.AddSingleton<RunAbandonment>();
        builder.Services.AddSingleton<IngestionRecovery>();
        builder.Services.AddSingleton<PendingEvents>();
        // Registered first, so stopped last: its final checkpoint stores what the writers finished.
        builder.Services.AddHostedService<Checkpointer>();
        builder.Services.AddHostedService<TwinWriter>();
        builder.Services.AddHostedService<EventSender>();
        builder.Services.AddHostedService<GraphWatch>();
        builder.Services.AddHealthChecks().AddCheck<IngestionHealthCheck>("adt");
        return builder;
    }

    public static WebApplication MapIngestion(this WebApplication app)
    {
        // Before the intake answers and the writers start: what was accepted and not yet written is pending again.
        app.Services.GetRequiredService<IngestionRecovery>().Resume();
        var table = app.Services.GetRequiredService<TwinStateTable>();
        var limiter = app.Services.GetRequiredService<AdaptiveRateLimiter>();
        var time = app.Services.GetRequiredService<TimeProvider>();
        app.Services.GetRequiredService<IngestionTelemetry>().Observe(() => table.Backlog, () => limiter.Rate, () => table.Staleness(time.GetUtcNow()).TotalSeconds);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapIntakeEndpoints();
        app.MapDeadLetterEndpoints();
        app.MapLiveView();
        return app;
    }
}
