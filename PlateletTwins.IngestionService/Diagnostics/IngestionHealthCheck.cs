using Microsoft.Extensions.Diagnostics.HealthChecks;
using PlateletTwins.IngestionService.DeadLetters;
using PlateletTwins.IngestionService.Twins;

namespace PlateletTwins.IngestionService.Diagnostics;

/// <summary>
/// What an operator needs from <c>/health</c>: Unhealthy when ADT has refused or failed every write for a while
/// (unreachable, throttling without end, credentials), Degraded when part of the twin graph had to be provisioned
/// again lately (someone deleted it, or the emulator restarted empty) or when dead letters wait to be looked at.
/// </summary>
internal sealed class IngestionHealthCheck(AdtHealth adt, DeadLetterStore deadLetters, TwinStateTable twins, TimeProvider time) : IHealthCheck
{
    public static readonly TimeSpan FailingFor = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan RecentReprovision = TimeSpan.FromMinutes(5);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var data = new Dictionary<string, object>
        {
            ["backlog"] = twins.Backlog,
            ["deadLetters"] = deadLetters.Count,
            ["lastSuccess"] = adt.LastSuccess?.ToString("O") ?? "never",
        };
        if (adt.FailingSince is { } since && now - since > FailingFor)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(
                $"Every write to ADT has failed for {(now - since).TotalSeconds:F0} s; the last: {adt.LastError}", data: data));
        }
        if (adt.LastReprovision is { } reprovisioned && now - reprovisioned < RecentReprovision)
        {
            return Task.FromResult(HealthCheckResult.Degraded(
                $"Twins of a run were missing from ADT and were provisioned again at {reprovisioned:O}", data: data));
        }
        if (deadLetters.Count > 0)
        {
            return Task.FromResult(HealthCheckResult.Degraded(
                $"{deadLetters.Count} dead letters: writes ADT refused for good (GET /api/deadletters)", data: data));
        }
        return Task.FromResult(HealthCheckResult.Healthy("Writing to ADT", data));
    }
}
