using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PlateletTwins.MockAdt.Jobs;

/// <summary>Configuration section <c>MockAdt:Jobs</c>, checked when MockAdt starts (<see cref="JobsOptionsValidator"/>).</summary>
internal sealed class JobsOptions
{
    /// <summary>
    /// A storage connection string (Azurite's well-known development account locally). Blob URIs under its blob endpoint
    /// are read and written with its account key; any other URI with a SAS token as given, else with the process's Azure
    /// identity (<c>DefaultAzureCredential</c>: a managed identity in Azure), as ADT uses its instance's identity.
    /// </summary>
    public string? StorageConnectionString { get; set; }

    /// <summary>
    /// How long a job's record is kept after it was created: ADT's is 30 days (observed purgeDateTime). From 0 (purged
    /// at once) to 36,500 days, so that a job's purge time stays a date.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "36500.00:00:00")]
    public TimeSpan RecordRetention { get; set; } = TimeSpan.FromDays(30);
}

/// <summary><see cref="JobsOptions"/>' annotations, checked when MockAdt starts: a negative retention would purge a job before it was created.</summary>
[OptionsValidator]
internal sealed partial class JobsOptionsValidator : IValidateOptions<JobsOptions>;
