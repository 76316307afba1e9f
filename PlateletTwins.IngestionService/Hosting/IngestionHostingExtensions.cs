using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
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
internal static class IngestionHostingExtensions
{
    public static WebApplicationBuilder AddIngestion(this WebApplicationBuilder builder)
    {
        builder.Services.AddCheckedOptions<IntakeOptions, IntakeOptionsValidator>(builder.Configuration, "Intake");
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddCheckedOptions<WriteOptions, WriteOptionsValidator>(builder.Configuration, "Writes");
        builder.Services.AddSingleton<AdaptiveRateLimiter>();
        builder.Services.AddAdtClient(builder.Configuration);
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
        // The server reads no body past the intake's limit, taken from the checked options (BodySizeFilter answers it).
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<IntakeOptions>>((kestrel, intake) => kestrel.Limits.MaxRequestBodySize = intake.Value.MaxBodyBytes);

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
