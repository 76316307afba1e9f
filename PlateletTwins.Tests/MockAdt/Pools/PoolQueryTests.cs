using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.MockAdt.MockAdtFixture;

namespace PlateletTwins.Tests.MockAdt.Pools;

/// <summary>
/// The queries users run about pools (<see cref="PoolQueries"/>, <c>docs/queries.md</c>), answered by MockAdt's
/// query engine on <see cref="PoolGraph"/>, whose right answers are known. ADT gives rows in no documented order, so
/// rows are compared as sets where there are several.
/// </summary>
public sealed partial class PoolQueryTests : IAsyncLifetime
{
    private PoolGraph _graph = null!;

    public async Task InitializeAsync() => _graph = await PoolGraph.StartAsync();

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    private async Task<JsonArray> RowsAsync(string query)
    {
        using var response = await _graph.Client.PostAsync($"/query?{ApiVersion}", JsonBody(new JsonObject { ["query"] = query }));
        var page = await AdtAssert.JsonAsync(response);
        Assert.Null(page["continuationToken"]);
        return page["value"]!.AsArray();
    }

    private static string[] Sorted(IEnumerable<string> values) => [.. values.Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Where_is_a_pool_answers_the_device_its_processedBy_was_last_moved_to_and_nothing_once_released()
    {
        var rows = await RowsAsync(PoolQueries.WhereIs(PoolDocuments.PoolTwinId(1)));
        var released = await RowsAsync(PoolQueries.WhereIs(PoolDocuments.PoolTwinId(4)));

        var device = Assert.Single(rows)!["D"]!;
        Assert.Equal(PoolGraph.Agitator, device["$dtId"]!.GetValue<string>());
        Assert.Equal(DeviceModel.ModelIdOf("Agitator"), device["$metadata"]!["$model"]!.GetValue<string>());
        Assert.Empty(released);
    }

    [Fact]
    public async Task What_a_device_holds_is_every_pool_whose_processedBy_targets_it_and_their_count()
    {
        var agitator = await RowsAsync(PoolQueries.HeldBy(PoolGraph.Agitator));
        var centrifuge = await RowsAsync(PoolQueries.HeldBy(PoolGraph.Centrifuge));
        var count = await RowsAsync(PoolQueries.CountHeldBy(PoolGraph.Agitator));

        Assert.Equal(Sorted([PoolDocuments.PoolTwinId(1), PoolDocuments.PoolTwinId(2), PoolDocuments.PoolTwinId(3), PoolDocuments.PoolTwinId(8)]),
            Sorted(agitator.Select(r => r!["P"]!["$dtId"]!.GetValue<string>())));
        Assert.All(agitator, r => Assert.Equal(ProcessFlowModel.Id, r!["P"]!["$metadata"]!["$model"]!.GetValue<string>()));
        // Pool 1 passed through the centrifuge and pool 7 was scrapped there: neither is held by it now.
        Assert.Equal([PoolDocuments.PoolTwinId(5)], centrifuge.Select(r => r!["P"]!["$dtId"]!.GetValue<string>()));
        Assert.Equal(4, Assert.Single(count)!["COUNT"]!.GetValue<int>());
    }

    [Fact]
    public async Task Pools_of_a_group_expiring_in_the_next_24_hours_are_those_still_in_the_lab_with_expiry_in_the_window()
    {
        var rows = await RowsAsync(PoolQueries.Expiring("O", PoolDocuments.Time(PoolGraph.Now), PoolDocuments.Time(PoolGraph.Now.AddHours(24))));

        // Not pool 2 (30 h), 3 (group A), 4 (released), 6 (exactly 24 h: the window is half open), 7 (scrapped), 8 (expired).
        Assert.Equal(Sorted([PoolDocuments.PoolTwinId(1), PoolDocuments.PoolTwinId(5)]), Sorted(rows.Select(r => r!["$dtId"]!.GetValue<string>())));
        var pool5 = rows.Single(r => r!["$dtId"]!.GetValue<string>() == PoolDocuments.PoolTwinId(5))!.AsObject();
        Assert.Equal(["$dtId", ProcessFlowModel.PoolId, ProcessFlowModel.Stage, ProcessFlowModel.ExpiryTime], pool5.Select(p => p.Key));
        Assert.Equal(PoolDocuments.PoolId(5), pool5[ProcessFlowModel.PoolId]!.GetValue<string>());
        Assert.Equal(ProcessFlowModel.StageValues.SoftSpin, pool5[ProcessFlowModel.Stage]!.GetValue<string>());
        Assert.Equal("2026-01-06T07:59:00Z", pool5[ProcessFlowModel.ExpiryTime]!.GetValue<string>());
    }

    [Fact]
    public async Task DateTime_values_compare_as_the_strings_they_are_as_ADT_compares_them()
    {
        // 07:30 UTC written with an offset: inside the window as an instant, after its end as a string
        // ("…T08:30:00+01:00" > "…T08:00:00Z"). ADT's query language has no date type: a time compares as the string
        // written, ordinal, so the values and the literals must share one form (UTC, Z, one precision).
        (await _graph.PatchAsync(PoolDocuments.PoolTwinId(2), ProcessFlowModel.ExpiryTime, "2026-01-06T08:30:00+01:00", PoolGraph.Now)).EnsureSuccessStatusCode();
        var stored = await RowsAsync($"SELECT P.{ProcessFlowModel.ExpiryTime} FROM DIGITALTWINS P WHERE P.$dtId = '{PoolDocuments.PoolTwinId(2)}'");

        var rows = await RowsAsync(PoolQueries.Expiring("O", "2026-01-05T08:00:00Z", "2026-01-06T08:00:00Z"));
        var byString = await RowsAsync(PoolQueries.Expiring("O", "2026-01-05T08:00:00Z", "2026-01-06T08:30:00+02:00"));

        // The value is kept as written, not normalised to UTC.
        Assert.Equal("2026-01-06T08:30:00+01:00", Assert.Single(stored)![ProcessFlowModel.ExpiryTime]!.GetValue<string>());
        Assert.DoesNotContain(PoolDocuments.PoolTwinId(2), rows.Select(r => r!["$dtId"]!.GetValue<string>()));
        Assert.Contains(PoolDocuments.PoolTwinId(2), byString.Select(r => r!["$dtId"]!.GetValue<string>()));
        // A time and a number never compare: neither true nor false, so no row.
        Assert.Empty(await RowsAsync($"SELECT P.$dtId FROM DIGITALTWINS P WHERE P.{ProcessFlowModel.ExpiryTime} > 0"));
    }

    [Fact]
    public async Task The_route_of_a_pool_is_its_route_array_projected_whole()
    {
        var rows = await RowsAsync(PoolQueries.Route(PoolDocuments.PoolTwinId(1)));
        var none = await RowsAsync(PoolQueries.Route(PoolDocuments.PoolTwinId(2)));

        var row = Assert.Single(rows)!.AsObject();
        Assert.Equal([ProcessFlowModel.Route], row.Select(p => p.Key));
        Assert.True(JsonNode.DeepEquals(PoolGraph.RouteOfPool1, row[ProcessFlowModel.Route]));
        // A pool whose route was never written has a row without the property, as ADT leaves out what a row lacks.
        Assert.Empty(Assert.Single(none)!.AsObject());
    }

    [Fact]
    public async Task The_donations_of_a_pool_and_the_pool_that_took_a_donation_answer_each_other()
    {
        var donations = await RowsAsync(PoolQueries.Donations(PoolDocuments.PoolTwinId(1)));
        var took = await RowsAsync(PoolQueries.TookDonation("WB000042"));
        var nobody = await RowsAsync(PoolQueries.TookDonation("WB999999"));

        Assert.Equal(["WB000005", "WB000006", "WB000007", "WB000008", "WB000009"],
            Assert.Single(donations)![ProcessFlowModel.Donations]!.AsArray().Select(d => d!.GetValue<string>()));
        var pool = Assert.Single(took)!;
        Assert.Equal(PoolDocuments.PoolTwinId(8), pool["$dtId"]!.GetValue<string>());
        Assert.Equal(PoolDocuments.PoolId(8), pool[ProcessFlowModel.PoolId]!.GetValue<string>());
        Assert.Empty(nobody);
        // As Learn documents: ARRAY_CONTAINS does not look into an array of objects.
        Assert.Empty(await RowsAsync($"SELECT P.$dtId FROM DIGITALTWINS P WHERE ARRAY_CONTAINS(P.{ProcessFlowModel.Route}, '{PoolGraph.Agitator}')"));
    }

    [Fact]
    public void The_queries_are_the_ones_docs_queries_md_shows()
    {
        var docs = Collapse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "queries.md")));
        foreach (var (name, query) in PoolQueries.Examples)
        {
            Assert.True(docs.Contains(Collapse(query), StringComparison.Ordinal), $"docs/queries.md lacks the {name} query: {query}");
        }
    }

    private static string Collapse(string text) => Whitespace().Replace(text, " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
