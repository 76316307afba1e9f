using PlateletTwins.MockAdt.Errors;

namespace PlateletTwins.MockAdt.Jobs;

/// <summary>
/// Every error of the Jobs API, with ADT's status, code and message: the real service's where a recording shows it
/// (azure-sdk-for-net BulkTests session records, api-version 2023-02-27-preview), else the REST spec's code (2023-10-31)
/// in the service's style. Kept beside the jobs, as <see cref="AdtErrors"/> keeps the other operations' errors.
/// </summary>
internal static class JobErrors
{
    private const string BlobNamingHelp = "https://docs.microsoft.com/en-us/rest/api/storageservices/naming-and-referencing-containers--blobs--and-metadata";

    /// <summary>Observed (Import_Lifecycle): 404 JobNotFound, where the spec says ImportJobNotFound.</summary>
    public static AdtException JobNotFound(string id) =>
        new(404, "JobNotFound", $"There is no job available that matches the provided id {id}. Check that the Job ID provided is valid by doing a Jobs_List API call.");

    /// <summary>The spec's code for an unknown delete job (no recording shows one), with the import message's wording.</summary>
    public static AdtException DeleteJobNotFound(string id) =>
        new(404, "DeleteJobNotFound", $"There is no delete job available that matches the provided id {id}. Check that the Job ID provided is valid by doing a DeleteJobs_List API call.");

    /// <summary>Observed (Import_JobAlreadyExists_ThrowsConflictException): 409, a code the spec does not list.</summary>
    public static AdtException JobIdAlreadyExists(string id) =>
        new(409, "JobIdAlreadyExists", $"Provided Job ID already exists: {id}. Use Jobs_List API to view jobs that already exist.");

    /// <summary>
    /// Observed (Import_MalformedInput_ThrowsBadRequest): 400 InvalidArgument "Azure Storage Blob URI 'invalidUri' failed
    /// validation. Invalid URI: The format of the URI could not be determined. Please check: …", the reason being .NET's
    /// own UriFormatException message.
    /// </summary>
    public static AdtException InvalidBlobUri(string uri, string reason) =>
        AdtErrors.InvalidArgument($"Azure Storage Blob URI '{uri}' failed validation. {reason} Please check: {BlobNamingHelp}");

    /// <summary>The spec's ValidationFailed for an import job body without its two blob URIs.</summary>
    public static AdtException InvalidImportJob(string reason) =>
        new(400, "ValidationFailed", $"The import job request is not valid: {reason}");

    /// <summary>ADT runs one bulk job (import or delete) at a time (service limits: concurrent bulk jobs, 1).</summary>
    public static AdtException JobLimitReached(BulkJob active) =>
        new(400, "JobLimitReached",
            $"The maximum number of concurrent bulk jobs (1) has been reached: job {active.Id} is {active.Status}. Wait for it to finish or cancel it. See service limits https://aka.ms/dtv2limits.");

    /// <summary>Import jobs can be deleted once they no longer run (Learn: "Once the job has been canceled and is no longer running, you can delete it").</summary>
    public static AdtException JobStillRunning(ImportJob job) =>
        new(400, "ValidationFailed", $"The import job {job.Id} is {job.Status}. Cancel it and wait until it is cancelled before deleting it.");

    public static AdtException JobAlreadyFinished(ImportJob job) =>
        new(400, "ValidationFailed", $"The import job {job.Id} has already finished ({job.Status}); only a job that has not finished can be cancelled.");

    /// <summary>The spec: 400 ValidationFailed "Operation-Id already exists".</summary>
    public static AdtException OperationIdAlreadyExists(string id) =>
        new(400, "ValidationFailed", $"Operation-Id already exists: {id}. Use DeleteJobs_List API to view jobs that already exist.");

    /// <summary>Learn: a delete job's timeout is between 15 minutes and 24 hours (12 hours by default).</summary>
    public static AdtException InvalidTimeout(string value) =>
        new(400, "ValidationFailed", $"timeoutInMinutes '{value}' is not valid: it must be a whole number of minutes from 15 to 1440.");
}
