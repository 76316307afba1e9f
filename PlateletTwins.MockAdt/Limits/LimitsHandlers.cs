using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PlateletTwins.MockAdt.Protocol;
using PlateletTwins.ServiceDefaults.Configuration;

namespace PlateletTwins.MockAdt.Limits;

/// <summary>
/// MockAdt's own view of its limits (not an ADT operation): the profile in force and how many requests each budget has
/// refused, so that a run can show that nothing was throttled, or by what.
/// </summary>
internal static class LimitsHandlers
{
    public static void MapLimitsHandlers(this IEndpointRouteBuilder app) =>
        app.MapGet("/mockadt/limits", (IOptions<LimitsOptions> options, BudgetRefusals refusals) => Results.Json(new JsonObject
        {
            ["profile"] = SettingNames.Of(options.Value.Profile),
            ["refused"] = new JsonObject([.. refusals.Refused.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
        }, AdtJson.Options));
}
