using System.Diagnostics;
using PlateletTwins.MockAdt.Errors;
using PlateletTwins.MockAdt.Query;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>
/// Random and mutated queries against the real executor, over the query tests' graph: each is answered (rows or ADT's 400 with an error code) and
/// quickly; never another exception, which the service would turn into a 500, and never a hang.
/// </summary>
public sealed class QueryFuzzTests : IAsyncLifetime
{
    private static readonly string[] Seeds =
    [
        "SELECT * FROM DIGITALTWINS",
        "SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:platelettwins:Device;1') AND queueLength > 2",
        "SELECT T.$dtId AS id, T.location FROM DIGITALTWINS T WHERE T.status IN ['Idle', 'Blocked'] OR NOT IS_DEFINED(T.location)",
        "SELECT COUNT() FROM RELATIONSHIPS R WHERE R.$sourceId = 'lab'",
        "SELECT TOP(3) L, D FROM DIGITALTWINS L JOIN D RELATED L.contains R WHERE L.$dtId = 'lab' AND STARTSWITH(D.$dtId, 'c')",
        "SELECT * FROM DIGITALTWINS WHERE ARRAY_CONTAINS(tags, 'x') AND (capacity >= 1.5e1 OR site = 'D\\'Souza')",
        "SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL(T, 'dtmi:a:b;1', exact) AND [[Group]] != -3",
        "SELECT L, R, X.$dtId AS x FROM DIGITALTWINS MATCH (L)-[R:contains]->(D)<-[:feeds|contains*1..3]-(X) WHERE L.$dtId = 'lab'",
        "SELECT COUNT() FROM DIGITALTWINS MATCH (A)-[*..2]-(B) WHERE B.$dtId IN ['separator-a', 'lab'] AND A.capacity > 1",
    ];

    private static readonly string[] Fragments =
    [
        "SELECT", "FROM", "WHERE", "JOIN", "RELATED", "AS", "AND", "OR", "NOT", "IN", "NIN", "TOP", "COUNT", "MATCH",
        "DIGITALTWINS", "RELATIONSHIPS", "(", ")", "[", "]", "[[", "]]", ",", ".", "*", "=", "!=", "<", ">=", "'", "\"",
        "\\", "-", "..", "->", "<-", ":", "|", "1", "-2.5", "1e400", "99999999999", "'s'", "T", "$dtId", "IS_OF_MODEL(", "IS_DEFINED(",
        "ARRAY_CONTAINS(", "exact", "null", "true", "\n", "\u00e9", "\u0000", "{", "}",
    ];

    private QueryGraph _graph = null!;

    public async Task InitializeAsync() => _graph = await QueryGraph.StartAsync();

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    [Fact]
    public void Mutated_and_random_queries_get_rows_or_a_400_and_never_anything_else()
    {
        var executor = (QueryExecutor)_graph.Host.Services.GetService(typeof(QueryExecutor))!;
        var random = new Random(20261128);
        var answered = 0;
        var refused = 0;
        for (var i = 0; i < 3000; i++)
        {
            var query = i % 5 == 0 ? RandomQuery(random) : Mutate(Seeds[random.Next(Seeds.Length)], random);
            var clock = Stopwatch.StartNew();
            try
            {
                executor.Run(query, 0, 100);
                answered++;
            }
            catch (AdtException e) when (e.Status == 400 && e.Code is "SqlQueryError")
            {
                refused++;
            }
            catch (Exception e)
            {
                Assert.Fail($"query {i} threw {e.GetType().Name} instead of answering: {query}\n{e}");
            }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"query {i} took {clock.Elapsed}: {query}");
        }
        // Both paths were exercised: the mutations are neither all harmless nor all fatal.
        Assert.True(answered > 100, $"{answered} answered");
        Assert.True(refused > 100, $"{refused} refused");
    }

    [Fact]
    public void Deep_nesting_is_refused_not_a_stack_overflow()
    {
        var executor = (QueryExecutor)_graph.Host.Services.GetService(typeof(QueryExecutor))!;
        var deep = "SELECT * FROM DIGITALTWINS WHERE " + new string('(', 5000) + "1 = 1" + new string(')', 5000);
        var nots = "SELECT * FROM DIGITALTWINS WHERE " + string.Concat(Enumerable.Repeat("NOT ", 1900)) + "1 = 1";

        Assert.Equal(400, Assert.Throws<AdtException>(() => executor.Run(deep, 0, 100)).Status);
        Assert.Equal(400, Assert.Throws<AdtException>(() => executor.Run(nots, 0, 100)).Status);
    }

    private static string RandomQuery(Random random) =>
        string.Join(' ', Enumerable.Range(0, random.Next(1, 20)).Select(_ => Fragments[random.Next(Fragments.Length)]));

    private static string Mutate(string query, Random random)
    {
        var text = query;
        for (var n = random.Next(1, 4); n > 0 && text.Length > 0; n--)
        {
            var at = random.Next(text.Length);
            text = random.Next(5) switch
            {
                0 => text.Remove(at, 1),
                1 => text.Insert(at, Fragments[random.Next(Fragments.Length)]),
                2 => text[..at],
                3 => text.Insert(at, text[random.Next(text.Length)].ToString()),
                _ => text.Remove(at, Math.Min(text.Length - at, random.Next(1, 8))),
            };
        }
        return text;
    }
}
