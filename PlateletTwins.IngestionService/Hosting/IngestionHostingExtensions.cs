using PlateletTwins.IngestionService.Adt;
using PlateletTwins.IngestionService.DeadLetters;
using PlateletTwins.IngestionService.Diagnostics;
using PlateletTwins.IngestionService.Intake;
using PlateletTwins.IngestionService.Provisioning;
using PlateletTwins.IngestionService.Twins;

namespace PlateletTwins.IngestionService.Hosting;

/// <summary>Composes the ingestion service, so that tests host exactly what runs.</summary>
public static class IngestionHostingExtensions
{
    public static WebApplicationBuilder AddIngestion(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(AdtConnection.Name)
            ?? throw new InvalidOperationException("The connection string 'adt' is missing: the ADT endpoint (the AppHost gives it).");
        var connection = AdtConnection.Parse(connectionString);

        builder.Services.AddOptions<IntakeOptions>().Bind(builder.Configuration.GetSection("Intake"));
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new DigitalTwinsClient(connection.Endpoint, connection.CreateCredential()));
        builder.Services.AddSingleton(_ => ModelCatalog.FromOutputFolder());
        builder.Services.AddSingleton<LabProvisioner>();
        builder.Services.AddSingleton<RunRegistry>();
        builder.Services.AddSingleton<TwinStateTable>();
        builder.Services.AddSingleton<DeadLetterStore>();
        builder.Services.AddSingleton<IngestionTelemetry>();
        builder.Services.AddSingleton<IntakeKeyFilter>();
        builder.Services.AddHostedService<TwinWriter>();
        return builder;
    }

    public static WebApplication MapIngestion(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapIntakeEndpoints();
        app.MapGet("/api/deadletters", (DeadLetterStore store) => TypedResults.Ok(store.List())).AddEndpointFilter<IntakeKeyFilter>();
        return app;
    }
}
