using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Json;
using PlateletTwins.MockAdt.Hosting;
using PlateletTwins.MockAdt.Limits;
using PlateletTwins.MockAdt.Protocol;

namespace PlateletTwins.MockAdt.Jobs;

/// <summary>The REST operations on <c>/jobs/imports</c>, one method per operation of the spec (2023-10-31).</summary>
internal static class ImportJobHandlers
{
    /// <summary>Unverified: the service's page size for jobs; the recorded list answered 35 jobs in one page.</summary>
    public const int JobsPerPage = 100;

    public static void MapImportJobHandlers(this IEndpointRouteBuilder app)
    {
        app.MapGet("/jobs/imports", List).Reads();
        app.MapPut("/jobs/imports/{id}", Add).Writes();
        app.MapGet("/jobs/imports/{id}", GetById).Reads();
        app.MapDelete("/jobs/imports/{id}", Delete).Writes();
        app.MapPost("/jobs/imports/{id}/cancel", Cancel).Writes();
    }

    // ImportJobs_List: {value, nextLink}, oldest first; nextLink null on the last page (observed).
    private static IResult List(HttpRequest request, JobStore jobs) => JobPage.Of(request, jobs.ListImports(), JobsPerPage);

    // ImportJobs_Add: 201 with the job, notstarted; the blobs are checked here, their content by the job.
    private static async Task<IResult> Add(string id, HttpRequest request, JobStore jobs)
    {
        var body = await AdtJson.ReadBodyAsync(request, FunctionalLimits.MaxPayloadBytes);
        if (body is not JsonObject)
        {
            throw JobErrors.InvalidImportJob("the body must be a JSON object with inputBlobUri and outputBlobUri.");
        }
        var input = body.Member("inputBlobUri").StringOrNull();
        var output = body.Member("outputBlobUri").StringOrNull();
        if (string.IsNullOrEmpty(input) || string.IsNullOrEmpty(output))
        {
            throw JobErrors.InvalidImportJob("inputBlobUri and outputBlobUri are both required, as strings.");
        }
        var (inputUri, outputUri) = (BlobUris.Parse(input), BlobUris.Parse(output));
        if (Uri.Compare(inputUri, outputUri, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped, StringComparison.Ordinal) == 0)
        {
            // The log is a new append blob: written over the input, it would destroy the file before it is read.
            throw JobErrors.InvalidImportJob("outputBlobUri must name another blob than inputBlobUri.");
        }
        var (_, accepted) = jobs.AddImport(id, inputUri, outputUri);
        return Results.Json(accepted, AdtJson.Options, AdtJson.ContentType, StatusCodes.Status201Created);
    }

    // ImportJobs_GetById: 200; 404 JobNotFound (observed; the spec says ImportJobNotFound).
    private static IResult GetById(string id, JobStore jobs) => Results.Json(jobs.GetImport(id).ToJson(), AdtJson.Options, AdtJson.ContentType);

    // ImportJobs_Delete: 204; removes the record only, never what was imported.
    private static IResult Delete(string id, JobStore jobs)
    {
        jobs.DeleteImport(id);
        return Results.NoContent();
    }

    // ImportJobs_Cancel: 200 with the job, now cancelling (the spec's example); the worker makes it cancelled.
    private static IResult Cancel(string id, JobStore jobs) => Results.Json(jobs.CancelImport(id).ToJson(), AdtJson.Options, AdtJson.ContentType);
}
