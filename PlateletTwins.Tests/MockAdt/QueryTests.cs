using System.Text.Json.Nodes;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.MockAdt.MockAdtFixture;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>
/// <c>POST /query</c> on a small graph of its own: a lab containing two centrifuges and a separator, centrifuge-a feeding
/// the separator. Rows, projections, joins, functions, paging and the dialect's errors.
/// </summary>
public sealed class QueryTests : IAsyncLifetime
{
    private const string Device = QueryGraph.Device;
    private const string Separator = QueryGraph.Separator;

    private QueryGraph _graph = null!;

    public async Task InitializeAsync() => _graph = await QueryGraph.StartAsync();

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    private HttpClient Client => _graph.Client;

    private async Task<HttpResponseMessage> PostAsync(JsonObject body, int? pageSize = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/query?{ApiVersion}") { Content = JsonBody(body) };
        if (pageSize is { } size)
        {
            request.Headers.Add("max-items-per-page", size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return await Client.SendAsync(request);
    }

    private async Task<JsonArray> RowsAsync(string query)
    {
        using var response = await PostAsync(new JsonObject { ["query"] = query });
        var page = await AdtAssert.JsonAsync(response);
        Assert.Null(page["continuationToken"]);
        return page["value"]!.AsArray();
    }

    private static List<string> Ids(JsonArray rows, string? alias = null) =>
        [.. rows.Select(r => (alias is null ? r : r![alias])!["$dtId"]!.GetValue<string>())];

    [Fact]
    public async Task Select_star_returns_the_twins_as_documents_with_a_query_charge()
    {
        using var response = await PostAsync(new JsonObject { ["query"] = "SELECT * FROM DIGITALTWINS" });
        var page = await AdtAssert.JsonAsync(response);

        var rows = page["value"]!.AsArray();
        Assert.Equal(["centrifuge-a", "centrifuge-b", "lab", "separator-a"], Ids(rows));
        Assert.Equal(CentrifugeModel, rows[0]!["$metadata"]!["$model"]!.GetValue<string>());
        Assert.True(double.Parse(response.Headers.GetValues("query-charge").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Theory]
    [InlineData("SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('" + Device + "')", "centrifuge-a,centrifuge-b,separator-a")]
    [InlineData("SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('" + Device + "', exact)", "")]
    [InlineData("SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '" + Separator + "', exact)", "separator-a")]
    [InlineData("SELECT * FROM DIGITALTWINS WHERE $dtId = 'centrifuge-b'", "centrifuge-b")]
    [InlineData("SELECT * FROM DIGITALTWINS T WHERE T.$dtId IN ['lab', 'separator-a', 'missing']", "lab,separator-a")]
    [InlineData("SELECT * FROM DIGITALTWINS WHERE $dtId NIN ['lab', 'separator-a']", "centrifuge-a,centrifuge-b")]
    [InlineData("SELECT * FROM DIGITALTWINS WHERE queueLength > 2", "centrifuge-a,separator-a")]
    [InlineData("SELECT * FROM DIGITALTWINS WHERE queueLength >= 3 AND status != 'Blocked'", "centrifuge-a")]
    [InlineData("SELECT * FROM DIGITALTWINS WHERE status = 'Idle' OR capacity = 1", "centrifuge-b,separator-a")]
    [InlineData("SELECT * FROM DIGITALTWINS WHERE NOT (status = 'Idle')", "centrifuge-a,separator-a")]
    [InlineData("SELECT * FROM DIGITALTWINS WHERE queueLength < 'x'", "")]
    [InlineData("SELECT * FROM DIGITALTWINS WHERE IS_DEFINED(location)", "centrifuge-a,separator-a")]
    [InlineData("SELECT * FROM DIGITALTWINS WHERE NOT IS_DEFINED(location) AND IS_NUMBER(capacity)", "centrifuge-b")]
    [InlineData("SELECT * FROM DIGITALTWINS WHERE IS_STRING(name) AND IS_PRIMITIVE(site)", "lab")]
    [InlineData("SELECT * FROM DIGITALTWINS WHERE IS_OBJECT($metadata) AND IS_BOOL(capacity)", "")]
    [InlineData("SELECT * FROM DIGITALTWINS WHERE STARTSWITH($dtId, 'centrifuge') AND ENDSWITH($dtId, '-b')", "centrifuge-b")]
    [InlineData("SELECT * FROM DIGITALTWINS WHERE CONTAINS(location, 'oom 2')", "separator-a")]
    [InlineData("SELECT * FROM DIGITALTWINS WHERE site = 'D\\'Souza wing'", "lab")]
    [InlineData("SELECT * FROM DIGITALTWINS WHERE $metadata.$model = '" + Separator + "'", "separator-a")]
    [InlineData("select * from digitaltwins where [[status]] = 'Processing'", "centrifuge-a")]
    public async Task Where_filters_the_twins(string query, string expected)
    {
        var rows = await RowsAsync(query);
        Assert.Equal(expected, string.Join(',', Ids(rows)));
    }

    [Fact]
    public async Task Projections_are_keyed_by_alias_or_property_and_leave_out_what_a_row_lacks()
    {
        var rows = await RowsAsync("SELECT T.$dtId AS id, T.location, T FROM DIGITALTWINS T WHERE IS_OF_MODEL('" + CentrifugeModel + "')");

        Assert.Equal(2, rows.Count);
        Assert.Equal("centrifuge-a", rows[0]!["id"]!.GetValue<string>());
        Assert.Equal("Room 1", rows[0]!["location"]!.GetValue<string>());
        Assert.Equal(12, rows[0]!["T"]!["capacity"]!.GetValue<int>());
        Assert.False(rows[1]!.AsObject().ContainsKey("location"));
    }

    [Fact]
    public async Task Count_and_top_shape_their_rows_as_ADT_does()
    {
        var count = await RowsAsync("SELECT COUNT() FROM DIGITALTWINS WHERE IS_OF_MODEL('" + Device + "')");
        var top = await RowsAsync("SELECT TOP(2) FROM DIGITALTWINS");
        var topProjected = await RowsAsync("SELECT TOP(1) T.$dtId FROM DIGITALTWINS T");
        var relationships = await RowsAsync("SELECT COUNT() FROM RELATIONSHIPS");

        Assert.Equal("""[{"COUNT":3}]""", count.ToJsonString());
        Assert.Equal(["centrifuge-a", "centrifuge-b"], Ids(top));
        Assert.Equal("""[{"$dtId":"centrifuge-a"}]""", topProjected.ToJsonString());
        Assert.Equal("""[{"COUNT":4}]""", relationships.ToJsonString());
    }

    [Fact]
    public async Task Relationships_are_found_by_source_target_and_name()
    {
        var fromLab = await RowsAsync("SELECT * FROM RELATIONSHIPS WHERE $sourceId = 'lab'");
        var toSeparator = await RowsAsync("SELECT R.$sourceId FROM RELATIONSHIPS R WHERE R.$targetId = 'separator-a'");
        var feeds = await RowsAsync("SELECT * FROM RELATIONSHIPS WHERE $relationshipName = 'feeds'");

        Assert.Equal(3, fromLab.Count);
        Assert.Equal("contains-centrifuge-a", fromLab[0]!["$relationshipId"]!.GetValue<string>());
        Assert.Equal("""[{"$sourceId":"centrifuge-a"},{"$sourceId":"lab"}]""", toSeparator.ToJsonString());
        Assert.Equal("separator-a", Assert.Single(feeds)!["$targetId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Joins_follow_relationships_from_a_pinned_twin_with_inner_semantics()
    {
        var contained = await RowsAsync("SELECT L, D FROM DIGITALTWINS L JOIN D RELATED L.contains WHERE L.$dtId = 'lab' AND D.status != 'Idle'");
        var twoHops = await RowsAsync("SELECT D.$dtId AS device, N.$dtId AS next, R.$relationshipId AS via FROM DIGITALTWINS L JOIN D RELATED L.contains JOIN N RELATED D.feeds R WHERE L.$dtId = 'lab'");
        var byTarget = await RowsAsync("SELECT L.$dtId AS lab FROM DIGITALTWINS L JOIN D RELATED L.contains WHERE D.$dtId = 'separator-a'");

        Assert.Equal(["centrifuge-a", "separator-a"], Ids(contained, "D"));
        Assert.All(contained, r => Assert.Equal("lab", r!["L"]!["$dtId"]!.GetValue<string>()));
        Assert.Equal("""[{"device":"centrifuge-a","next":"separator-a","via":"feeds-separator-a"}]""", twoHops.ToJsonString());
        Assert.Equal("""[{"lab":"lab"}]""", byTarget.ToJsonString());
    }

    [Fact]
    public async Task Match_walks_a_pattern_from_a_pinned_twin_either_way_along_its_steps()
    {
        var contained = await RowsAsync("SELECT L.$dtId AS lab, D.$dtId AS device FROM DIGITALTWINS MATCH (L)-[:contains]->(D) WHERE L.$dtId = 'lab' AND D.status != 'Idle'");
        var chain = await RowsAsync("SELECT D.$dtId AS device, N.$dtId AS next, R.$relationshipId AS via FROM DIGITALTWINS MATCH (L)-[:contains]->(D)-[R:feeds]->(N) WHERE L.$dtId = 'lab'");
        var fromTarget = await RowsAsync("SELECT L.$dtId AS lab FROM DIGITALTWINS MATCH (L)-[:contains]->(D) WHERE D.$dtId = 'separator-a'");
        var backwards = await RowsAsync("SELECT S.$dtId AS source FROM DIGITALTWINS MATCH (T)<-[:feeds|contains]-(S) WHERE T.$dtId = 'separator-a'");
        var eitherWay = await RowsAsync("SELECT N.$dtId AS neighbour FROM DIGITALTWINS MATCH (C)-[]-(N) WHERE C.$dtId = 'centrifuge-a'");
        var counted = await RowsAsync("SELECT COUNT() FROM DIGITALTWINS MATCH (L)-[:contains]->(D) WHERE L.$dtId = 'lab'");
        var twins = await RowsAsync("SELECT L, D FROM DIGITALTWINS MATCH (L)-[:contains]->(D) WHERE L.$dtId = 'lab' AND D.$dtId = 'centrifuge-b'");
        var separators = await RowsAsync("SELECT D.$dtId AS device FROM DIGITALTWINS MATCH (L)-[:contains]->(D) WHERE L.$dtId = 'lab' AND IS_OF_MODEL(D, 'dtmi:platelettwins:devices:Separator;1')");

        Assert.Equal("""[{"lab":"lab","device":"centrifuge-a"},{"lab":"lab","device":"separator-a"}]""", contained.ToJsonString());
        Assert.Equal("""[{"device":"centrifuge-a","next":"separator-a","via":"feeds-separator-a"}]""", chain.ToJsonString());
        Assert.Equal("""[{"lab":"lab"}]""", fromTarget.ToJsonString());
        Assert.Equal("""[{"source":"centrifuge-a"},{"source":"lab"}]""", backwards.ToJsonString());
        Assert.Equal("""[{"neighbour":"lab"},{"neighbour":"separator-a"}]""", eitherWay.ToJsonString());
        Assert.Equal(3, counted[0]!["COUNT"]!.GetValue<int>());
        Assert.Equal(6, Assert.Single(twins)!["D"]!["capacity"]!.GetValue<int>());
        Assert.Equal("""[{"device":"separator-a"}]""", separators.ToJsonString());
    }

    [Fact]
    public async Task Match_steps_of_several_hops_reach_each_twin_once_nearest_first()
    {
        var exactlyTwo = await RowsAsync("SELECT X.$dtId AS reached FROM DIGITALTWINS MATCH (L)-[*2]->(X) WHERE L.$dtId = 'lab'");
        var oneOrTwo = await RowsAsync("SELECT X.$dtId AS reached FROM DIGITALTWINS MATCH (L)-[:contains|feeds*1..2]->(X) WHERE L.$dtId = 'lab'");
        var upToTwo = await RowsAsync("SELECT X.$dtId AS reached FROM DIGITALTWINS MATCH (X)-[*..2]->(S) WHERE S.$dtId = 'separator-a'");
        var onlyFeeds = await RowsAsync("SELECT X.$dtId AS reached FROM DIGITALTWINS MATCH (L)-[:feeds*1..3]->(X) WHERE L.$dtId = 'lab'");

        Assert.Equal("""[{"reached":"separator-a"}]""", exactlyTwo.ToJsonString());
        Assert.Equal("""[{"reached":"centrifuge-a"},{"reached":"centrifuge-b"},{"reached":"separator-a"}]""", oneOrTwo.ToJsonString());
        Assert.Equal("""[{"reached":"centrifuge-a"},{"reached":"lab"}]""", upToTwo.ToJsonString());
        Assert.Empty(onlyFeeds);
    }

    [Fact]
    public async Task Pages_follow_max_items_per_page_and_the_continuation_token_until_the_last()
    {
        var ids = new List<string>();
        var pages = 0;
        JsonObject body = new() { ["query"] = "SELECT * FROM DIGITALTWINS" };
        while (true)
        {
            using var response = await PostAsync(body, pageSize: 3);
            var page = await AdtAssert.JsonAsync(response);
            pages++;
            ids.AddRange(Ids(page["value"]!.AsArray()));
            if (page["continuationToken"] is not { } token)
            {
                break;
            }
            body = new JsonObject { ["continuationToken"] = token.GetValue<string>() };
        }

        Assert.Equal(2, pages);
        Assert.Equal(["centrifuge-a", "centrifuge-b", "lab", "separator-a"], ids);
    }

    [Theory]
    [InlineData("foo", "Line=1, Position=0, Message=missing SELECT at 'foo'")]
    [InlineData("SELECT * FROM DIGITALTWINS WHERE", "unexpected end of the query")]
    [InlineData("SELECT * FROM DIGITALTWINS\nWHERE status = ", "Line=2, Position=15")]
    [InlineData("SELECT * FROM TWINS", "expecting DIGITALTWINS or RELATIONSHIPS")]
    [InlineData("SELECT * FROM DIGITALTWINS WHERE NOPE(x)", "'NOPE' is not a function")]
    [InlineData("SELECT * FROM DIGITALTWINS WHERE IS_DEFINED()", "IS_DEFINED takes 1 arguments, not 0")]
    [InlineData("SELECT * FROM DIGITALTWINS L JOIN D RELATED L.contains WHERE L.$dtId = 'lab'", "SELECT * cannot be used with JOIN")]
    [InlineData("SELECT L, D FROM DIGITALTWINS L JOIN D RELATED L.contains", "must filter a twin by its $dtId")]
    [InlineData("SELECT D FROM DIGITALTWINS L JOIN D RELATED X.contains WHERE L.$dtId = 'lab'", "'X' is not an alias")]
    [InlineData("SELECT T FROM DIGITALTWINS T MATCH (T)-[:contains]->(D)", "MATCH follows FROM DIGITALTWINS and names its twins in the pattern")]
    [InlineData("SELECT * FROM DIGITALTWINS MATCH (L)-[]->(D) WHERE L.$dtId = 'lab'", "SELECT * cannot be used with MATCH")]
    [InlineData("SELECT L FROM DIGITALTWINS MATCH (L)-[]->(D)", "must filter a twin of the pattern by its $dtId")]
    [InlineData("SELECT L FROM DIGITALTWINS MATCH (L)-[R*2]->(D) WHERE L.$dtId = 'lab'", "a step of several hops cannot have a relationship variable")]
    [InlineData("SELECT L FROM DIGITALTWINS MATCH (L)-[*1..11]->(D) WHERE L.$dtId = 'lab'", "up to at most 10")]
    [InlineData("SELECT L FROM DIGITALTWINS MATCH (L)<-[]->(D) WHERE L.$dtId = 'lab'", "a relationship step points one way")]
    [InlineData("SELECT X FROM DIGITALTWINS MATCH (L)-[]->(D) WHERE L.$dtId = 'lab'", "'X' does not start with a variable of the pattern")]
    [InlineData("SELECT L FROM DIGITALTWINS MATCH (L)-[]->(L) WHERE L.$dtId = 'lab'", "the variable 'L' is defined twice")]
    [InlineData("SELECT L FROM DIGITALTWINS MATCH (L) WHERE L.$dtId = 'lab'", "expecting a relationship step")]
    [InlineData("SELECT D FROM DIGITALTWINS MATCH (L)-[]->(D) WHERE L.$dtId = 'lab' AND IS_OF_MODEL('dtmi:platelettwins:Device;1')", "IS_OF_MODEL in a MATCH query names its variable")]
    [InlineData("SELECT D FROM DIGITALTWINS MATCH (L)-[]->(D) WHERE L.$dtId = 'lab' AND STARTSWITH($dtId, 'c')", "'$dtId' does not start with a variable of the pattern")]
    [InlineData("SELECT L FROM DIGITALTWINS MATCH (L)-[]->(D) JOIN X RELATED D.feeds WHERE L.$dtId = 'lab'", "JOIN cannot be used with MATCH")]
    [InlineData("SELECT * FROM DIGITALTWINS WHERE name = 'unclosed", "missing closing quote")]
    [InlineData("SELECT TOP(0) FROM DIGITALTWINS", "TOP takes a positive whole number")]
    [InlineData("SELECT T.$dtId, D.$dtId FROM DIGITALTWINS T JOIN D RELATED T.contains WHERE T.$dtId = 'lab'", "two projections are named '$dtId'")]
    public async Task A_query_that_does_not_parse_is_a_400_SqlQueryError_saying_where(string query, string expected)
    {
        using var response = await PostAsync(new JsonObject { ["query"] = query });

        var error = (await AdtAssert.ErrorAsync(response, 400, "SqlQueryError"))["message"]!.GetValue<string>();
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.StartsWith("SQL query parse failed: SQL Parser Error, Line=", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_documented_limits_are_errors()
    {
        var tooLong = "SELECT * FROM DIGITALTWINS WHERE name = '" + new string('x', 8000) + "'";
        var tooManyAnds = "SELECT * FROM DIGITALTWINS WHERE " + string.Join(" AND ", Enumerable.Range(0, 52).Select(i => $"capacity != {i}"));
        var tooManyItems = "SELECT * FROM DIGITALTWINS WHERE $dtId IN [" + string.Join(',', Enumerable.Range(0, 51).Select(i => $"'t{i}'")) + "]";
        var tooManyJoins = "SELECT A FROM DIGITALTWINS A" + string.Concat(Enumerable.Range(0, 6).Select(i => $" JOIN B{i} RELATED A.contains")) + " WHERE A.$dtId = 'lab'";

        foreach (var (query, expected) in new[] { (tooLong, "limit is 8000"), (tooManyAnds, "at most 50 AND/OR"), (tooManyItems, "at most 50 items"), (tooManyJoins, "at most 5 JOINs") })
        {
            using var response = await PostAsync(new JsonObject { ["query"] = query });
            Assert.Contains(expected, (await AdtAssert.ErrorAsync(response, 400, "SqlQueryError"))["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_bad_continuation_token_or_body_is_a_400()
    {
        using var token = await PostAsync(new JsonObject { ["continuationToken"] = "not-a-token" });
        using var empty = await PostAsync(new JsonObject { ["nothing"] = 1 });

        await AdtAssert.ErrorAsync(token, 400, "BadRequest");
        await AdtAssert.ErrorAsync(empty, 400, "InvalidArgument");
    }
}
