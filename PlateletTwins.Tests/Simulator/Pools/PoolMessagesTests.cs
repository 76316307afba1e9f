using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.SimulatorService.Lab.Reporting;
using PlateletTwins.SimulatorService.Lab.Running;
using PlateletTwins.SimulatorService.Streaming;

namespace PlateletTwins.Tests.Simulator.Pools;

/// <summary>
/// Each pool's twin as the wire carries it: created first, located at the lab before it is processed by anything,
/// <c>processedBy</c> moved to the device of its route at every hand-off, its relationships removed before it is
/// deleted, one gapless sequence across its updates and changes; and what its twin says at the end is the pool's record.
/// </summary>
public sealed class PoolMessagesTests
{
    public static TheoryData<RunProfile, ulong, double?> Runs => new()
    {
        // Ten days, kept until expiry: pools created, ended and deleted, and pools that outlive the run.
        { RunProfile.Normal, 1, null },
        { RunProfile.Stress, 2, null },
        // Deleted at once: the deletion follows the end at the same instant.
        { RunProfile.Stress, 3, 0.0 },
        { RunProfile.Normal, 4, 90.0 },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Each_pools_twin_is_created_moved_ended_and_deleted_in_order_with_gapless_sequences(RunProfile profile, ulong seed, double? retentionMinutes)
    {
        var run = PoolRun.Of(profile, seed, 240, retentionMinutes is { } r ? TimeSpan.FromMinutes(r) : null);
        var labId = run.Options.EffectiveLab.Id;
        var byTwin = run.Wire().GroupBy(m => m["twinId"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.ToList());
        var records = run.Pools.ToDictionary(p => run.Twins.Pool(p.PoolId));

        Assert.Equal(records.Keys.Order(), byTwin.Keys.Order());
        foreach (var (twinId, messages) in byTwin)
        {
            var pool = records[twinId];
            Assert.Equal(Enumerable.Range(0, messages.Count).Select(i => (long)i), messages.Select(m => m["sequence"]!.GetValue<long>()));
            Assert.True(messages.Zip(messages.Skip(1)).All(p => Time(p.First) <= Time(p.Second)), $"{twinId}: source times go back");

            // Created, then located at the lab, then processed by its first device.
            Assert.Equal("createTwin", Kind(messages[0]));
            Assert.Equal(ProcessFlowModel.Id, messages[0]["modelId"]!.GetValue<string>());
            Assert.Equal(pool.PoolId, messages[0]["properties"]![ProcessFlowModel.PoolId]!.GetValue<string>());
            Assert.Equal(PoolRun.Start.AddMinutes(pool.StartTime), Time(messages[0]));
            AssertPut(messages[1], ProcessFlowModel.LocatedAtId(twinId), ProcessFlowModel.LocatedAt, labId);

            var route = messages[0]["properties"]![ProcessFlowModel.Route]!.AsArray();
            var moves = 0;
            var ended = false;
            var relationships = new HashSet<string>(StringComparer.Ordinal) { ProcessFlowModel.LocatedAtId(twinId) };
            for (var i = 2; i < messages.Count; i++)
            {
                var message = messages[i];
                switch (Kind(message))
                {
                    case "update":
                        Assert.False(ended, $"{twinId}: updated after its end");
                        var properties = message["properties"]!.AsObject();
                        route = properties[ProcessFlowModel.Route]?.AsArray() ?? route;
                        ended = properties[ProcessFlowModel.Stage]!.GetValue<string>() is ProcessFlowModel.StageValues.Released or ProcessFlowModel.StageValues.Scrapped;
                        break;
                    case "putRelationship":
                        Assert.False(ended, $"{twinId}: moved after its end");
                        // processedBy is the one relationship, moved to the device the route says holds the pool now.
                        AssertPut(message, ProcessFlowModel.ProcessedById(twinId), ProcessFlowModel.ProcessedBy, route[^1]![ProcessFlowModel.RouteFields.DeviceId]!.GetValue<string>());
                        relationships.Add(ProcessFlowModel.ProcessedById(twinId));
                        moves++;
                        break;
                    case "deleteRelationship":
                        var id = message["relationship"]!["id"]!.GetValue<string>();
                        Assert.True(relationships.Remove(id), $"{twinId}: deletes {id}, which it does not have");
                        Assert.True(ended, $"{twinId}: a relationship removed before its end");
                        break;
                    case "deleteTwin":
                        Assert.Equal(messages.Count - 1, i);
                        Assert.Empty(relationships);
                        break;
                    default:
                        Assert.Fail($"{twinId}: {Kind(message)} where none is due");
                        break;
                }
            }
            // One move per step of the route: the first device and every hand-off.
            Assert.Equal(pool.Route.Count, moves);
            Assert.Equal(pool.Route.Count, route.Count);
            Assert.Equal(pool.Outcome is not null, ended);
            var deleted = Kind(messages[^1]) == "deleteTwin";
            Assert.Equal(pool.DeletedAt is not null, deleted);
            if (deleted)
            {
                Assert.Equal(PoolRun.Start.AddMinutes(pool.DeletedAt!.Value), Time(messages[^1]));
            }
        }

        // Counts: a twin for every pool started; every twin due for deletion within the run deleted once.
        var wire = run.Wire().ToList();
        Assert.Equal(run.Lab.Statistics.PoolsStarted, wire.Count(m => Kind(m) == "createTwin"));
        Assert.Equal(run.Pools.Count(p => p.DeletionDue < run.Horizon), wire.Count(m => Kind(m) == "deleteTwin"));
        Assert.Contains(wire, m => Kind(m) == "deleteTwin");
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void What_a_pools_twin_says_at_the_end_is_the_pools_record(RunProfile profile, ulong seed, double? retentionMinutes)
    {
        var run = PoolRun.Of(profile, seed, 240, retentionMinutes is { } r ? TimeSpan.FromMinutes(r) : null);
        var twins = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var message in run.Wire())
        {
            var twinId = message["twinId"]!.GetValue<string>();
            if (Kind(message) == "createTwin")
            {
                twins[twinId] = message["properties"]!.DeepClone().AsObject();
            }
            else if (Kind(message) == "update")
            {
                foreach (var (name, value) in message["properties"]!.AsObject())
                {
                    twins[twinId][name] = value?.DeepClone();
                }
            }
        }
        foreach (var pool in run.Pools)
        {
            var record = JsonNode.Parse(PoolRecordJson.Line(pool, run.Twins, PoolRun.Start))!.AsObject();
            var twin = twins[record["twinId"]!.GetValue<string>()];
            foreach (var name in new[]
            {
                ProcessFlowModel.PoolId, ProcessFlowModel.BloodGroup, ProcessFlowModel.Donations, ProcessFlowModel.StartTime, ProcessFlowModel.OldestCollectionTime,
                ProcessFlowModel.ExpiryTime, ProcessFlowModel.Route, ProcessFlowModel.Stage, ProcessFlowModel.EndTime, ProcessFlowModel.ScrapReason,
            })
            {
                Assert.True(JsonNode.DeepEquals(record[name], twin[name]), $"{pool.PoolId}.{name}: record {record[name]?.ToJsonString()}, twin {twin[name]?.ToJsonString()}");
            }
            Assert.Equal(run.Options.EffectiveLab.Id, twin[ProcessFlowModel.LabId]!.GetValue<string>());
            Assert.Equal(PoolRun.RunId, twin[ProcessFlowModel.RunId]!.GetValue<string>());
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_pool_records_and_messages_and_another_seed_others()
    {
        static (string Records, string Messages) Of(ulong seed)
        {
            var run = PoolRun.Of(RunProfile.Stress, seed, 240, TimeSpan.FromHours(12));
            return (string.Join('\n', run.Pools.Select(p => PoolRecordJson.Line(p, run.Twins, PoolRun.Start))), string.Join('\n', run.Wire().Select(m => m.ToJsonString())));
        }
        var first = Of(8);
        var second = Of(8);
        Assert.True(first.Messages.Length > 100_000);
        Assert.Equal(first.Records, second.Records);
        Assert.Equal(first.Messages, second.Messages);
        Assert.NotEqual(first.Records, Of(9).Records);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.0001)]
    [InlineData(61.23456)]
    [InlineData(-1234.5678)]
    [InlineData(525_599.9999)]
    public void A_simulated_instant_is_written_in_UTC_to_the_millisecond(double minutes)
    {
        // From an offset other than UTC, to be sure it is converted.
        var start = new DateTimeOffset(2026, 12, 31, 9, 0, 0, TimeSpan.FromHours(2));
        var expected = start.AddMinutes(minutes).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, PoolProperties.Time(start, minutes));
    }

    private static void AssertPut(JsonObject message, string id, string name, string targetId)
    {
        Assert.Equal("putRelationship", Kind(message));
        var relationship = message["relationship"]!;
        Assert.Equal(id, relationship["id"]!.GetValue<string>());
        Assert.Equal(name, relationship["name"]!.GetValue<string>());
        Assert.Equal(targetId, relationship["targetId"]!.GetValue<string>());
    }

    private static string Kind(JsonObject message) => message["message"]!.GetValue<string>() == "update" ? "update" : message["kind"]!.GetValue<string>();

    private static DateTimeOffset Time(JsonObject message) => message["sourceTime"]!.GetValue<DateTimeOffset>();
}
