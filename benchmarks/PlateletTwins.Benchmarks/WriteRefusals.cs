using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PlateletTwins.IngestionService.DeadLetters;
using PlateletTwins.IngestionService.Scheduling;

namespace PlateletTwins.Benchmarks;

/// <summary>
/// Every way a run's writes can have been refused, as both sides saw it: MockAdt's count of requests refused for a
/// budget, by category, and the 429s its process logged; the ingestion's limiter's count of 429s; writes ADT refused
/// for an ordering rule (by the ingestion's <c>writes.failed</c> counter); dead letters.
/// </summary>
internal sealed record WriteRefusals(
    IReadOnlyDictionary<string, long> RefusedByAdt, (long Count, IReadOnlyList<string> First) Logged, long Throttled, IReadOnlyDictionary<string, long> Failed, int DeadLetters)
{
    /// <summary>Read before the benchmark's own reads of ADT spend any budget.</summary>
    public static async Task<WriteRefusals> ReadAsync(MockAdtHarness adt, IngestionHarness ingestion, CounterProbe failed)
    {
        var refusedByAdt = (await adt.Client.GetFromJsonAsync<JsonObject>("/mockadt/limits"))!["refused"]!.AsObject()
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<long>(), StringComparer.Ordinal);
        return new WriteRefusals(refusedByAdt, adt.Refusals, ingestion.Services.GetRequiredService<AdaptiveRateLimiter>().Throttled, failed.ByTag,
            ingestion.Services.GetRequiredService<DeadLetterStore>().Count);
    }

    /// <summary>One check each: no dead letter, no write refused for a budget (with the first refusals MockAdt logged), none for an ordering rule.</summary>
    public void Check(Checks checks)
    {
        checks.Add(DeadLetters == 0, $"dead letters: {DeadLetters}");
        var refused = RefusedByAdt.Values.Sum();
        checks.Add(refused == 0 && Throttled == 0, string.Create(CultureInfo.InvariantCulture,
            $"no write refused for a budget: MockAdt refused {refused} ({ReportText.Describe(RefusedByAdt)}), it logged {Logged.Count} 429s, the ingestion's limiter saw {Throttled}"));
        foreach (var line in Logged.First)
        {
            Console.WriteLine($"          {line}");
        }
        if (Logged.Count > Logged.First.Count)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"          … and {Logged.Count - Logged.First.Count} more"));
        }
        var failed = Failed.Values.Sum();
        checks.Add(failed == 0, $"no write refused for an ordering rule (a relationship of a twin ADT does not have, a twin deleted with its relationships, …): {failed} failed ({ReportText.Describe(Failed)})");
    }
}
