namespace PlateletTwins.AppHost;

/// <summary>The simulator's labs from the AppHost's <c>lab-files</c> parameter.</summary>
internal static class LabFilesExtensions
{
    /// <summary>
    /// Each file of the parameter (separated by <c>;</c>) as <c>Streaming:LabFiles:i</c>, a full path: a relative one is
    /// the AppHost folder's, as a user of the AppHost writes it, not the simulator's working directory.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithLabFiles(this IResourceBuilder<ProjectResource> simulator, IResourceBuilder<ParameterResource> labFiles) =>
        simulator.WithEnvironment(async context =>
        {
            var files = (await labFiles.Resource.GetValueAsync(context.CancellationToken) ?? "")
                .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var i = 0; i < files.Length; i++)
            {
                context.EnvironmentVariables[$"Streaming__LabFiles__{i}"] = Path.GetFullPath(files[i], simulator.ApplicationBuilder.AppHostDirectory);
            }
        });
}
