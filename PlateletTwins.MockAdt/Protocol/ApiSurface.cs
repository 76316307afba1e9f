namespace PlateletTwins.MockAdt.Protocol;

/// <summary>
/// The groups of operations an api-version may have. Each route group of the data plane declares its own
/// (<see cref="Hosting.AdtOperationConventions.InApiSurface"/>), and the api-version check reads it from the endpoint.
/// </summary>
[Flags]
internal enum ApiSurface
{
    /// <summary>Models, twins, components, relationships, telemetry, query, event routes: every published version.</summary>
    Core = 1,

    /// <summary><c>/jobs/imports</c> (list, add, get, delete, cancel).</summary>
    ImportJobs = 2,

    /// <summary><c>/jobs/deletions</c> (add, list, get).</summary>
    DeleteJobs = 4,
}
