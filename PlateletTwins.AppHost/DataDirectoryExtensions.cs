namespace PlateletTwins.AppHost;

/// <summary>Where the services keep their state on this machine when the AppHost runs them.</summary>
public static class DataDirectoryExtensions
{
    /// <summary>The configuration key <c>DataDirectory</c>, else a per-user folder (on Linux ~/.local/share/PlateletTwins).</summary>
    public static string DataDirectory(this IDistributedApplicationBuilder builder) =>
        builder.Configuration["DataDirectory"]
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "PlateletTwins");
}
