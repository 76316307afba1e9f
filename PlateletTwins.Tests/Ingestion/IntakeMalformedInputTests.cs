using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PlateletTwins.Tests.Ingestion.Fuzz;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>The requests that once got a 500 from the intake (five of them leaving twins in ADT): each is now a 4xx ProblemDetails naming its problem.</summary>
public sealed class IntakeMalformedInputTests(FuzzedIntake intake) : IClassFixture<FuzzedIntake>
{
    private const string Event = """{"eventId":"e-1","twinId":"separator-01","sourceTime":"2026-01-05T07:00:00Z","type":"Failed"}""";

    private const string Update = """{"twinId":"separator-01","sequence":1,"sourceTime":"2026-01-05T07:00:00Z","createdAt":"2026-01-05T07:00:00Z","properties":{"inUse":1,"inUse":0}}""";

    [Theory]
    [InlineData("""{"updates":[]}""", "$")]
    [InlineData("""{"runId":null,"updates":[]}""", "$.runId")]
    [InlineData("""{"runId":"fuzz-run","updates":[],"events":[{"eventId":"e-1","sourceTime":"2026-01-05T07:00:00Z","type":"Failed"}]}""", "$.events[0]")]
    [InlineData("""{"runId":"fuzz-run","updates":[""" + Update + "]}", "$.updates[0].properties.inUse")]
    [InlineData("""{"runId":"fuzz-run","runId":"fuzz-run","updates":[],"events":[""" + Event + "]}", "$.runId")]
    [InlineData("""{"runId":"fuzz-run","updates":[{"twinId":"separator-01","sequence":"1","sourceTime":"2026-01-05T07:00:00Z","createdAt":"2026-01-05T07:00:00Z","properties":{"inUse":1}}]}""", "$.updates[0].sequence")]
    [InlineData("""{"runId":"fuzz-run","updates":[{"twinId":"separator-01","sequence":1,"sourceTime":"2026-01-05T07:00:00","createdAt":"2026-01-05T07:00:00Z","properties":{"inUse":1}}]}""", "$.updates[0].sourceTime")]
    [InlineData("""{"runId":"fuzz-run","updates":[{"twinId":"separator-01","sequence":1,"sourceTime":"2026-01-05T07:00:00Z","createdAt":"2026-01-05T07:00:00Z","properties":{"location":"\ud800"}}]}""", "$.updates[0].properties.location")]
    public async Task A_malformed_batch_is_a_400_naming_where(string body, string? path)
    {
        var before = intake.Accepted;
        using var response = await intake.Client.PostAsync("/api/telemetry", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        if (path is not null)
        {
            Assert.Equal(path, problem["path"]?.GetValue<string>());
        }
        Assert.Equal(before, intake.Accepted);
    }

    [Fact]
    public async Task Invalid_UTF_8_is_a_400()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"runId":"fuzz-run","updates":[]}""").ToList();
        bytes.Insert(10, 0xC3);
        using var content = new ByteArrayContent([.. bytes]);
        content.Headers.ContentType = new("application/json");
        using var response = await intake.Client.PostAsync("/api/telemetry", content);
        await ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    public static TheoryData<string, string> BadRuns => new()
    {
        { """{"devices":[null]}""", "$.lab.devices[0]" },
        { """{"feeds":null}""", "$.lab.feeds" },
        { """{"devices":[{"id":"m-d0","type":"Toaster","capacity":1}]}""", "$.lab.devices[0].type" },
        { """{"devices":[{"id":"m/d0","type":"Centrifuge","capacity":1}]}""", "$.lab.devices[0].id" },
        { """{"id":"m-d0"}""", "$.lab.devices[0].id" },
        { """{"devices":[{"id":"m-run","type":"Centrifuge","capacity":1}]}""", "$.lab.devices[0].id" },
        { """{"feeds":[{"from":"m-d0","to":"m-d0"}]}""", "$.lab.feeds[0]" },
    };

    [Theory]
    [MemberData(nameof(BadRuns))]
    public async Task A_run_start_ADT_would_refuse_part_of_is_a_400_and_leaves_no_twin(string labChange, string path)
    {
        var run = new JsonObject
        {
            ["runId"] = "m-run",
            ["seed"] = 1,
            ["speed"] = "max",
            ["startTime"] = "2026-01-05T07:00:00Z",
            ["lab"] = new JsonObject
            {
                ["id"] = "m-lab",
                ["name"] = "lab",
                ["devices"] = JsonNode.Parse("""[{"id":"m-d0","type":"Centrifuge","capacity":1},{"id":"m-d1","type":"Separator","capacity":1}]"""),
                ["feeds"] = JsonNode.Parse("""[{"from":"m-d0","to":"m-d1"}]"""),
            },
        };
        foreach (var (name, value) in JsonNode.Parse(labChange)!.AsObject().ToList())
        {
            run["lab"]![name] = value?.DeepClone();
        }
        var twins = await intake.TwinCountAsync();
        using var response = await intake.Client.PostAsync("/api/runs", new StringContent(run.ToJsonString(), Encoding.UTF8, "application/json"));
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]?[path] is not null || problem["path"]?.GetValue<string>() == path, problem.ToJsonString());
        Assert.Equal(twins, await intake.TwinCountAsync());
    }

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)!.AsObject();
    }
}
