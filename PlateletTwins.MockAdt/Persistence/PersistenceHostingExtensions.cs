namespace PlateletTwins.MockAdt.Persistence;

/// <summary>Persistence in MockAdt's composition: the journal the stores call, and, with a data directory, what loads and commits.</summary>
internal static class PersistenceHostingExtensions
{
    /// <summary>Call before any other hosted service is added: the state is loaded before anything uses it and committed after the rest stopped.</summary>
    public static bool AddMockAdtPersistence(this WebApplicationBuilder builder, string section)
    {
        var configuration = builder.Configuration.GetSection(section);
        builder.Services.Configure<PersistenceOptions>(configuration);
        var enabled = configuration.Get<PersistenceOptions>()?.Enabled == true;
        if (!enabled)
        {
            builder.Services.AddSingleton<IStateJournal>(InMemoryOnly.Instance);
            return false;
        }
        builder.Services.AddSingleton<SqliteJournal>();
        builder.Services.AddSingleton<IStateJournal>(sp => sp.GetRequiredService<SqliteJournal>());
        builder.Services.AddSingleton<StateLoader>();
        builder.Services.AddHostedService<SqlitePersistence>();
        return true;
    }

    /// <summary>Answers writes only once they are committed; only with a data directory, so that without one nothing is added to a request.</summary>
    public static void UseMockAdtPersistence(this WebApplication app)
    {
        if (app.Services.GetService<SqliteJournal>() is not null)
        {
            app.UseMiddleware<DurableAcknowledgementMiddleware>();
        }
    }
}
