using PlateletTwins.MockAdt.Hosting;
using PlateletTwins.MockAdt.Limits;
using PlateletTwins.MockAdt.Protocol;
using PlateletTwins.ServiceDefaults.Configuration;

namespace PlateletTwins.MockAdt.Jobs;

/// <summary>The Jobs API in MockAdt's composition: its records, its blob access, its runners and the worker that runs them.</summary>
internal static class JobsHostingExtensions
{
    public static WebApplicationBuilder AddMockAdtJobs(this WebApplicationBuilder builder, string section)
    {
        builder.Services.AddCheckedOptions<JobsOptions, JobsOptionsValidator>(builder.Configuration, $"{section}:Jobs");
        builder.Services.AddSingleton<JobStore>();
        builder.Services.AddSingleton<JobBlobs>();
        builder.Services.AddSingleton<ImportJobRunner>();
        builder.Services.AddSingleton<DeleteJobRunner>();
        builder.Services.AddHostedService<JobWorker>();
        return builder;
    }

    public static void MapJobHandlers(this IEndpointRouteBuilder app)
    {
        // Imports and deletions share one row of the rate-limit table.
        var jobs = app.MapGroup("").CountsAgainst(ApiCategory.Jobs);
        jobs.MapGroup("").InApiSurface(ApiSurface.ImportJobs).MapImportJobHandlers();
        jobs.MapGroup("").InApiSurface(ApiSurface.DeleteJobs).MapDeleteJobHandlers();
    }
}
