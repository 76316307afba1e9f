using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PlateletTwins.ServiceDefaults.Configuration;

namespace PlateletTwins.MockAdt.Limits;

/// <summary>
/// The limits in MockAdt's composition: the profile's options, and ADT's rate limits as ASP.NET Core's rate limiter
/// with a policy per row of the table (<see cref="AdtRateLimitPolicy"/>), which the data plane's endpoints name.
/// </summary>
internal static class LimitsHostingExtensions
{
    public static WebApplicationBuilder AddMockAdtLimits(this WebApplicationBuilder builder, string section)
    {
        builder.Services.AddCheckedOptions<LimitsOptions, LimitsOptionsValidator>(builder.Configuration, $"{section}:Limits");
        builder.Services.AddSingleton<AdtBudgets>();
        builder.Services.AddSingleton<BudgetRefusals>();
        builder.Services.AddSingleton<RelationshipBudgets>();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<AdtBudgets, BudgetRefusals, TimeProvider>((options, budgets, refusals, time) =>
        {
            foreach (var category in Enum.GetValues<ApiCategory>())
            {
                options.AddPolicy(AdtRateLimitPolicy.NameOf(category), new AdtRateLimitPolicy(category, budgets, time));
            }
            options.OnRejected = (rejected, _) => refusals.AnswerAsync(rejected.HttpContext, rejected.Lease);
        });
        return builder;
    }

    /// <summary>
    /// The data plane's limits, in the order ADT applies them after its gateway: the chaos profile's faults, then the rate
    /// limits (cloud and chaos profiles). Without a profile nothing is added to a request.
    /// </summary>
    public static void UseMockAdtLimits(this IApplicationBuilder dataPlane)
    {
        var limits = dataPlane.ApplicationServices.GetRequiredService<IOptions<LimitsOptions>>().Value;
        if (limits.FaultsInjected)
        {
            dataPlane.UseMiddleware<ChaosMiddleware>();
        }
        if (limits.RatesEnforced)
        {
            dataPlane.UseMiddleware<WrittenTwinsMiddleware>();
            dataPlane.UseRateLimiter();
        }
    }
}
