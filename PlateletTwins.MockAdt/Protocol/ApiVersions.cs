namespace PlateletTwins.MockAdt.Protocol;

/// <summary>The data-plane api-versions MockAdt answers, as the stable ADT versions published in the REST spec.</summary>
public static class ApiVersions
{
    public const string Latest = "2023-10-31";

    public static readonly IReadOnlyList<string> Supported = ["2020-10-31", "2022-05-31", "2023-06-30", Latest];
}
