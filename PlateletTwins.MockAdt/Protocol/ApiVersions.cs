namespace PlateletTwins.MockAdt.Protocol;

/// <summary>One data-plane api-version ADT publishes, and the operations it has.</summary>
internal sealed record ApiVersion(string Name, ApiSurface Surface)
{
    public bool Has(ApiSurface surface) => (Surface & surface) == surface;
}

/// <summary>
/// Every data-plane api-version ADT publishes, stable and preview, with its surface: the one table of versions.
/// Source: <c>Azure/azure-rest-api-specs</c> <c>specification/digitaltwins/data-plane/Microsoft.DigitalTwins/</c>,
/// the <c>preview/</c> and <c>stable/</c> folders and the tags of <c>DigitalTwins/readme.md</c>. Each version's paths
/// are its <c>digitaltwins.json</c>: <c>/jobs/imports</c> (with <c>/cancel</c>) first in 2023-02-27-preview, then
/// 2023-06-30 ("the only changes are in /jobs/imports path, which is going GA", azure-rest-api-specs#23616);
/// <c>/jobs/deletions</c> first in 2023-10-31 (azure-rest-api-specs#25746). Microsoft's ADT Explorer pins
/// 2021-06-30-preview on every call; the Azure CLI's dt commands pinned 2023-02-27-preview.
/// </summary>
internal static class ApiVersions
{
    public const string Latest = "2023-10-31";

    public static readonly IReadOnlyList<ApiVersion> All =
    [
        new("2020-05-31-preview", ApiSurface.Core),
        new("2020-10-31", ApiSurface.Core),
        new("2021-06-30-preview", ApiSurface.Core),
        new("2022-05-31", ApiSurface.Core),
        new("2023-02-27-preview", ApiSurface.Core | ApiSurface.ImportJobs),
        new("2023-06-30", ApiSurface.Core | ApiSurface.ImportJobs),
        new(Latest, ApiSurface.Core | ApiSurface.ImportJobs | ApiSurface.DeleteJobs),
    ];

    public static readonly IReadOnlyList<string> Supported = [.. All.Select(v => v.Name)];

    /// <summary>The version of that exact name (api-versions are case-sensitive strings in the spec), or null.</summary>
    public static ApiVersion? Find(string name) => All.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.Ordinal));

    /// <summary>The versions that have <paramref name="surface"/>, oldest first.</summary>
    public static IEnumerable<string> Having(ApiSurface surface) => All.Where(v => v.Has(surface)).Select(v => v.Name);
}
