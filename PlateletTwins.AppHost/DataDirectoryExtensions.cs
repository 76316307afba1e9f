namespace PlateletTwins.AppHost;

/// <summary>Where the services keep their state on this machine when the AppHost runs them: one root, a folder each.</summary>
public static class DataDirectoryExtensions
{
    /// <summary>
    /// The configuration key <c>DataDirectory</c>, else the user's local application data (~/.local/share on Linux,
    /// ~/Library/Application Support on macOS, %LOCALAPPDATA% on Windows), PlateletTwins: outside any working tree, so
    /// that one user's clones share it as they would share one ADT instance.
    /// </summary>
    public static string DataDirectory(this IDistributedApplicationBuilder builder)
    {
        if (builder.Configuration["DataDirectory"] is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }
        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return Path.Combine(string.IsNullOrEmpty(root) ? Path.GetTempPath() : root, "PlateletTwins");
    }
}
