namespace PlateletTwins.AppHost;

/// <summary>Whether the emulator keeps its state (models, twins, relationships, event routes, data history) across runs, and where.</summary>
internal static class MockAdtPersistenceExtensions
{
    /// <summary>
    /// The AppHost's <c>MockAdt:Persist</c>, true by default: an Azure Digital Twins instance keeps its graph when the
    /// services restart, and the ingestion service resumes from its own durable state assuming ADT kept what it
    /// acknowledged, so a local run behaves as a deployed one; false gives an empty instance at every start.
    /// <c>MockAdt:DataDirectory</c>: where; by default the folder mockadt/ of the AppHost's data directory.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPersistence(this IResourceBuilder<ProjectResource> mockAdt, IDistributedApplicationBuilder builder)
    {
        var setting = builder.Configuration["MockAdt:Persist"] ?? "true";
        if (!bool.TryParse(setting, out var persist))
        {
            throw new InvalidOperationException($"MockAdt:Persist is '{setting}': use true or false.");
        }
        var directory = builder.Configuration["MockAdt:DataDirectory"] is { Length: > 0 } configured ? Path.GetFullPath(configured) : Path.Combine(builder.DataDirectory(), "mockadt");
        // Empty when off, so that a MockAdt__DataDirectory in the AppHost's own environment does not reach MockAdt.
        return mockAdt.WithEnvironment("MockAdt__DataDirectory", persist ? directory : "");
    }
}
