using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using PlateletTwins.MockAdt.Hosting;

namespace PlateletTwins.MockAdt.Jobs;

/// <summary>
/// The REST operations on <c>/jobs/deletions</c> (REST spec 2023-10-31; an earlier revision of the same api-version
/// named the path <c>/jobs/delete</c>, which is served too).
/// </summary>
internal static class DeleteJobHandlers
{
    /// <summary>Learn (Bulk delete with the Delete Jobs API): 12 hours by default, from 15 minutes to 24 hours.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromHours(12);

    public static void MapDeleteJobHandlers(this IEndpointRouteBuilder app)
    {
        foreach (var path in (string[])["/jobs/deletions", "/jobs/delete"])
        {
            app.MapPost(path, Add).Writes();
            app.MapGet(path, List).Reads();
            app.MapGet(path + "/{id}", GetById).Reads();
        }
    }

    // DeleteJobs_Add, a long-running operation: 202 with the job, Operation-Location to poll and Operation-Id.
    private static IResult Add(HttpRequest request, HttpResponse response, JobStore jobs)
    {
        var timeout = ReadTimeout(request);
        var operationId = request.Headers["operation-id"].ToString();
        var (job, accepted) = jobs.AddDelete(operationId.Length > 0 ? operationId : null, timeout);
        var location = QueryHelpers.AddQueryString(
            $"{request.Scheme}://{request.Host}{request.PathBase}/jobs/deletions/{Uri.EscapeDataString(job.Id)}",
            "api-version", request.Query["api-version"].ToString());
        response.Headers["Operation-Location"] = location;
        response.Headers["Operation-Id"] = job.Id;
        return Results.Json(accepted, Protocol.AdtJson.Options, Protocol.AdtJson.ContentType, StatusCodes.Status202Accepted);
    }

    // DeleteJobs_List.
    private static IResult List(HttpRequest request, JobStore jobs) => JobPage.Of(request, jobs.ListDeletes(), ImportJobHandlers.JobsPerPage);

    // DeleteJobs_GetById: 200; 404 DeleteJobNotFound (the spec's code).
    private static IResult GetById(string id, JobStore jobs) => Results.Json(jobs.GetDelete(id).ToJson(), Protocol.AdtJson.Options, Protocol.AdtJson.ContentType);

    private static TimeSpan ReadTimeout(HttpRequest request)
    {
        var value = request.Query["timeoutInMinutes"].ToString();
        if (value.Length == 0)
        {
            return DefaultTimeout;
        }
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes is >= 15 and <= 24 * 60
            ? TimeSpan.FromMinutes(minutes)
            : throw JobErrors.InvalidTimeout(value);
    }
}
