namespace PlateletTwins.MockAdt.Jobs;

/// <summary>Configuration section <c>MockAdt:Jobs</c>.</summary>
public sealed class JobsOptions
{
    /// <summary>
    /// A storage connection string (Azurite's well-known development account locally). Blob URIs under its blob endpoint
    /// are read and written with its account key; any other URI with a SAS token as given, else with the process's Azure
    /// identity (<c>DefaultAzureCredential</c>: a managed identity in Azure), as ADT uses its instance's identity.
    /// </summary>
    public string? StorageConnectionString { get; set; }

    /// <summary>How long a job's record is kept after it was created: ADT's is 30 days (observed purgeDateTime).</summary>
    public TimeSpan RecordRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the output log is flushed to its append blob while a section runs.</summary>
    public TimeSpan LogFlushInterval { get; set; } = TimeSpan.FromSeconds(2);
}
