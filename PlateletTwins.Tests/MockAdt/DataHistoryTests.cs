using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.MockAdt.MockAdtFixture;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>Data history: property changes and lifecycles recorded with ADX's columns, read back by twin, property and time, and exported as CSV.</summary>
public sealed class DataHistoryTests : IAsyncLifetime
{
    private QueryGraph _graph = null!;

    public async Task InitializeAsync() => _graph = await QueryGraph.StartAsync();

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    private HttpClient Client => _graph.Client;

    // History is written off the request path: wait, bounded, until the rows are there.
    private Task<JsonArray> PropertiesAsync(string query, int expected) =>
        Eventually.ReturnsAsync(async () => (await Client.GetFromJsonAsync<JsonObject>($"/mockadt/history/properties?{query}"))!["value"]!.AsArray(),
            rows => rows.Count >= expected, TimeSpan.FromSeconds(10), $"{expected} property history rows for {query}");

    [Fact]
    public async Task Every_property_change_is_a_row_with_its_source_time_readable_by_twin_property_and_time()
    {
        var start = DateTimeOffset.UtcNow;
        for (var i = 1; i <= 3; i++)
        {
            (await Client.PatchAsync($"/digitaltwins/centrifuge-b?{ApiVersion}", PatchBody(
                $$"""[{"op":"replace","path":"/queueLength","value":{{i}}},{"op":"add","path":"/$metadata/queueLength/sourceTime","value":"2026-01-05T07:0{{i}}:00Z"},{"op":"add","path":"/status","value":"Processing"}]"""))).EnsureSuccessStatusCode();
        }

        var queue = await PropertiesAsync("twinId=centrifuge-b&key=queueLength", expected: 4);
        var sinceStart = await PropertiesAsync($"twinId=centrifuge-b&key=queueLength&from={Uri.EscapeDataString(start.ToString("O"))}", expected: 3);

        // The value at creation (0), then the three changes, oldest first.
        Assert.Equal([0, 1, 2, 3], queue.Select(r => r!["Value"]!.GetValue<int>()));
        Assert.Equal([1, 2, 3], sinceStart.Select(r => r!["Value"]!.GetValue<int>()));
        var last = queue[^1]!;
        Assert.Equal("centrifuge-b", last["Id"]!.GetValue<string>());
        Assert.Equal(CentrifugeModel, last["ModelId"]!.GetValue<string>());
        Assert.Equal(DateTimeOffset.Parse("2026-01-05T07:03:00Z", System.Globalization.CultureInfo.InvariantCulture), last["SourceTimeStamp"]!.GetValue<DateTimeOffset>());
        Assert.Equal(_graph.Host.Address.Authority, last["ServiceId"]!.GetValue<string>());
        Assert.Null(last["RelationshipId"]);
        Assert.Equal(4, (await PropertiesAsync("twinId=centrifuge-b&key=status", expected: 4)).Count);
    }

    [Fact]
    public async Task A_source_time_in_a_looser_form_the_patch_accepts_is_read_as_the_twin_reads_it()
    {
        // Not the strict ISO 8601 of System.Text.Json (a space, an offset): the patcher accepts it, so history must read it too.
        (await Client.PatchAsync($"/digitaltwins/centrifuge-a?{ApiVersion}", PatchBody(
            """[{"op":"add","path":"/queueLength","value":9},{"op":"add","path":"/$metadata/queueLength/sourceTime","value":"2026-01-05 07:30:00+01:00"}]"""))).EnsureSuccessStatusCode();

        var rows = await PropertiesAsync("twinId=centrifuge-a&key=queueLength", expected: 2);

        Assert.Equal([3, 9], rows.Select(r => r!["Value"]!.GetValue<int>()));
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 6, 30, 0, TimeSpan.Zero), rows[^1]!["SourceTimeStamp"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task The_tables_export_as_CSV_in_ADX_column_order()
    {
        (await Client.PatchAsync($"/digitaltwins/lab?{ApiVersion}", PatchBody("""[{"op":"replace","path":"/site","value":"West, \"new\" wing"}]"""))).EnsureSuccessStatusCode();
        (await Client.DeleteAsync($"/digitaltwins/lab/relationships/contains-centrifuge-b?{ApiVersion}")).EnsureSuccessStatusCode();
        await PropertiesAsync("twinId=lab&key=site", expected: 2);
        // The delete came last: once its row is there, so are the rows before it.
        var relationships = await Eventually.ReturnsAsync(() => Client.GetStringAsync("/mockadt/history/relationships.csv"),
            csv => csv.Contains("\r\ncontains-centrifuge-b,contains,Delete,", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "the relationship's delete in its history");

        var properties = await Client.GetStringAsync("/mockadt/history/properties.csv");
        var twins = await Client.GetStringAsync("/mockadt/history/twins.csv");

        Assert.StartsWith("TimeStamp,SourceTimeStamp,ServiceId,Id,ModelId,Key,Value,RelationshipTarget,RelationshipId\r\n", properties, StringComparison.Ordinal);
        Assert.Contains(",lab,dtmi:platelettwins:Lab;1,site,\"\"\"West, \\\"\"new\\\"\" wing\"\"\",,\r\n", properties, StringComparison.Ordinal);
        Assert.StartsWith("TwinId,Action,TimeStamp,ServiceId,ModelId\r\n", twins, StringComparison.Ordinal);
        Assert.Contains("\r\nseparator-a,Create,", twins, StringComparison.Ordinal);
        Assert.StartsWith("RelationshipId,Name,Action,TimeStamp,ServiceId,Source,Target\r\n", relationships, StringComparison.Ordinal);
        Assert.Matches("\r\ncontains-centrifuge-b,contains,Delete,[^,]+,[^,]+,lab,centrifuge-b\r\n", relationships);
    }
}
