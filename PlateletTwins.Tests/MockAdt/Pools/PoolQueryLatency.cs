using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace PlateletTwins.Tests.MockAdt.Pools;

/// <summary>One query's rows and its latency: every page over HTTP, the median and slowest of its timed runs.</summary>
public sealed record QueryLatency(string What, IReadOnlyList<JsonNode?> Rows, double MedianMs, double MaxMs, double Charge)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{What,-32} {Rows.Count,5} rows  median {MedianMs,8:0.0} ms  max {MaxMs,8:0.0} ms  charge {Charge:0.##} QU");
}

/// <summary>The pool queries timed on a <see cref="PoolScaleGraph"/>: by the scale test (which checks the rows) and the pools benchmark.</summary>
public static class PoolQueryLatency
{
    private const string ApiVersion = "api-version=2023-10-31";

    /// <summary>Each query of <see cref="PoolQueries"/> with arguments the graph has an answer for, by what it asks.</summary>
    public static IReadOnlyList<(string What, string Query)> On(PoolScaleGraph graph) =>
    [
        ("where is a pool", PoolQueries.WhereIs(PoolDocuments.PoolTwinId(graph.Pools))),
        ("what the agitator holds", PoolQueries.HeldBy(PoolDocuments.Agitator)),
        ("how many the agitator holds", PoolQueries.CountHeldBy(PoolDocuments.Agitator)),
        ("group O expiring in 24 h", PoolQueries.Expiring("O", PoolDocuments.Time(graph.Now), PoolDocuments.Time(graph.Now.AddHours(24)))),
        ("the route of a pool", PoolQueries.Route(PoolDocuments.PoolTwinId(1))),
        ("the donations of a pool", PoolQueries.Donations(PoolDocuments.PoolTwinId(1))),
        ("the pool that took a donation", PoolQueries.TookDonation(PoolDocuments.Donation(5 * graph.Pools + 2))),
    ];

    /// <summary>Runs the query once untimed (its rows), then <paramref name="runs"/> times timed.</summary>
    public static async Task<QueryLatency> MeasureAsync(HttpClient client, string what, string query, int runs)
    {
        var (rows, charge) = await RunAsync(client, query);
        var milliseconds = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await RunAsync(client, query);
            milliseconds.Add(clock.Elapsed.TotalMilliseconds);
        }
        milliseconds.Sort();
        return new QueryLatency(what, rows, milliseconds[runs / 2], milliseconds[^1], charge);
    }

    /// <summary>Every page of a query, and the first page's query charge.</summary>
    private static async Task<(List<JsonNode?> Rows, double Charge)> RunAsync(HttpClient client, string query)
    {
        var rows = new List<JsonNode?>();
        double? charge = null;
        var body = new JsonObject { ["query"] = query };
        while (true)
        {
            using var response = await client.PostAsync($"/query?{ApiVersion}", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
            charge ??= double.Parse(response.Headers.GetValues("query-charge").Single(), CultureInfo.InvariantCulture);
            var page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            rows.AddRange(page["value"]!.AsArray().Select(r => r?.DeepClone()));
            if (page["continuationToken"]?.GetValue<string>() is not { } token)
            {
                return (rows, charge.Value);
            }
            body = new JsonObject { ["continuationToken"] = token };
        }
    }
}
