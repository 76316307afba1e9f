namespace PlateletTwins.MockAdt.Protocol;

/// <summary>
/// The groups of operations an api-version may have. Each group is one path prefix in the REST spec, so a request's
/// path says which group it belongs to.
/// </summary>
[Flags]
public enum ApiSurface
{
    /// <summary>Models, twins, components, relationships, telemetry, query, event routes: every published version.</summary>
    Core = 1,

    /// <summary><c>/jobs/imports</c> (list, add, get, delete, cancel).</summary>
    ImportJobs = 2,

    /// <summary><c>/jobs/deletions</c> (add, list, get).</summary>
    DeleteJobs = 4,
}

internal static class ApiSurfaces
{
    /// <summary>The group of operations a data-plane path belongs to.</summary>
    public static ApiSurface Of(PathString path) =>
        path.StartsWithSegments("/jobs/imports", StringComparison.OrdinalIgnoreCase) ? ApiSurface.ImportJobs
        : path.StartsWithSegments("/jobs/deletions", StringComparison.OrdinalIgnoreCase) ? ApiSurface.DeleteJobs
        : ApiSurface.Core;
}
